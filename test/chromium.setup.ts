// Global setup of the browser project: one headless Chromium for every file that needs it
// (test/chromium.ts connects to it), closed when the run ends. Without Chromium, nothing is
// started and the tests themselves fail, saying what is missing.
import { existsSync } from "node:fs";
import { chromium } from "playwright-core";
import type { TestProject } from "vitest/node";
import { CHROMIUM, LAUNCH } from "./chromium.js";

export default async function setup(project: TestProject) {
  if (!existsSync(CHROMIUM)) return;
  const server = await chromium.launchServer(LAUNCH);
  project.provide("chromiumEndpoint", server.wsEndpoint());
  return () => server.close();
}
