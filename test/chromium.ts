// Debian's Chromium, driven by playwright-core, for the tests that need a real browser.
import { existsSync } from "node:fs";
import { type Browser, chromium } from "playwright-core";

export const CHROMIUM = "/usr/bin/chromium";

/** Why a browser test fails on a machine without Chromium (CI installs it: .ci/run). */
export const MISSING = `Chromium is missing at ${CHROMIUM}: install Debian's chromium (apt-get install chromium; .ci/run does it when missing)`;

/** Headless Chromium with the flags this sandboxed, offline machine needs. */
export function launchChromium(): Promise<Browser> {
  if (!existsSync(CHROMIUM)) throw new Error(MISSING);
  return chromium.launch({
    executablePath: CHROMIUM,
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
  });
}
