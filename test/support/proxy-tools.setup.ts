// Global setup of the unit project: the programs the network-proxy tests drive (tinyproxy,
// and openssl for their certificates), installed now if missing and installable, once for
// the run. When they cannot be had, the tests that need them fail saying what to install.
import { ensureTools, OPENSSL, TINYPROXY } from "./system-tools.js";

export default function setup() {
  try {
    ensureTools(TINYPROXY, OPENSSL);
  } catch {
    // test/transport/*.test.ts call ensureTool themselves and fail with this message
  }
}
