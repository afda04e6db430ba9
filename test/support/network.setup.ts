// Global setup of every project: the tests reach 127.0.0.1 only, so the machine's network
// proxy must not carry them (the SDK's Node transport follows HTTPS_PROXY and HTTP_PROXY,
// and loopback is not special unless NO_PROXY says so). The variables are taken out of the
// environment the test workers start with; the proxy tests set their own. apt-get, should
// a setup install a tool, still gets them (test/support/system-tools.ts).
import { PROXY_VARIABLES, SAVED_PROXY } from "./system-tools.js";

export default function setup() {
  const saved: Record<string, string> = JSON.parse(process.env[SAVED_PROXY] ?? "{}");
  for (const name of PROXY_VARIABLES) {
    const value = process.env[name];
    if (value !== undefined) saved[name] = value;
    delete process.env[name];
  }
  process.env[SAVED_PROXY] = JSON.stringify(saved);
}
