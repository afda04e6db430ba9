// Node's fs, os and path, looked up at call time through process.getBuiltinModule
// (Node >= 20.16) instead of imported: the main entry then bundles for browsers with no
// Node built-ins, and the file providers still work wherever Node runs them.
import { CredentialsError } from "./errors.js";

/** The Node built-ins the credential-file providers need. */
export interface NodeBuiltins {
  fs: typeof import("node:fs");
  os: typeof import("node:os");
  path: typeof import("node:path");
}

/** Node's fs/os/path, or a CredentialsError for `provider` where there is no Node. */
export function nodeBuiltins(provider: string): NodeBuiltins {
  const process = globalThis.process;
  if (typeof process?.getBuiltinModule !== "function") {
    throw new CredentialsError(
      provider,
      "reading credential files needs Node.js >= 20.16 (process.getBuiltinModule), not available in this environment",
    );
  }
  return {
    fs: process.getBuiltinModule("node:fs"),
    os: process.getBuiltinModule("node:os"),
    path: process.getBuiltinModule("node:path"),
  };
}
