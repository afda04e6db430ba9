// Global setup of the browser project: Chromium found, or installed from Debian's packages
// when missing (test/support/system-tools.ts), and one headless Chromium for every file
// that needs it (test/chromium.ts connects to it), closed when the run ends. When it cannot
// be had, nothing is started and the tests themselves fail, saying what to install.
import { chromium } from "playwright-core";
import type { TestProject } from "vitest/node";
import { launchOptions } from "./chromium.js";
import { CHROMIUM, ensureTool } from "./support/system-tools.js";

export default async function setup(project: TestProject) {
  let executable: string;
  try {
    executable = ensureTool(CHROMIUM);
  } catch {
    return; // test/chromium.ts says what is missing
  }
  const server = await chromium.launchServer(launchOptions(executable));
  project.provide("chromiumEndpoint", server.wsEndpoint());
  return () => server.close();
}
