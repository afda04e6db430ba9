// Debian's Chromium, driven by playwright-core, for the tests that need a real browser.
// The browser project's global setup (test/chromium.setup.ts) finds or installs it
// (test/support/system-tools.ts) and starts one Chromium for the whole run; each test file
// connects to it. Run outside that project, a file launches its own.
import { existsSync } from "node:fs";
import { type Browser, chromium, type LaunchOptions } from "playwright-core";
import { findTool, missingMessage, CHROMIUM as TOOL } from "./support/system-tools.js";

/** Where Chromium is: `CHROMIUM_PATH`, else `chromium` on the PATH (Debian: /usr/bin/chromium). */
export const CHROMIUM = findTool(TOOL) ?? "/usr/bin/chromium";

/** Why a browser test fails on a machine without Chromium. */
export const MISSING = missingMessage(TOOL);

declare module "vitest" {
  export interface ProvidedContext {
    /** the shared Chromium's WebSocket endpoint, when the global setup started one */
    chromiumEndpoint?: string;
  }
}

/** Headless Chromium at `executablePath` with the flags this sandboxed, offline machine needs. */
export function launchOptions(executablePath = CHROMIUM): LaunchOptions {
  return {
    executablePath,
    args: [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--disable-background-networking",
      "--disable-quic",
      "--no-first-run",
      "--disable-component-update",
      "--disable-sync",
    ],
  };
}

/**
 * The run's shared headless Chromium (its `close()` only disconnects this file), or a
 * browser of its own when no global setup started one.
 */
export async function launchChromium(): Promise<Browser> {
  if (!existsSync(CHROMIUM)) throw new Error(MISSING);
  const { inject } = await import("vitest"); // not at the top: the global setup imports this file too
  const endpoint = inject("chromiumEndpoint");
  return endpoint ? chromium.connect(endpoint) : chromium.launch(launchOptions());
}
