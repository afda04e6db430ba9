// What both credential-file providers share: their options, where home is, and reading a
// file that may not exist. Errors carry the path and the system code, never the file's content.

import type { EnvVars } from "../base/env.js";
import type { FetchLike } from "../base/fetch.js";
import { CredentialsError } from "./errors.js";
import type { NodeBuiltins } from "./node-builtins.js";
import type { RamRoleCredentialsOptions } from "./ram-role.js";

/** Options shared by {@link cliProfileCredentials} and {@link iniProfileCredentials}. */
export interface FileCredentialsOptions {
  /** profile (CLI) or section (INI) to use; default: `ALIBABA_CLOUD_PROFILE`, then the file's own default */
  profile?: string;
  /** the file to read instead of the usual one under the home folder */
  path?: string;
  /** variables to read instead of `process.env`; `HOME` / `USERPROFILE` in it locate the home folder */
  env?: EnvVars;
  /** home folder (default: `HOME`, then `USERPROFILE`, then `os.homedir()`) */
  homeDir?: string;
  /** fetch of the STS and credentials-URI calls a profile leads to (default: the global fetch) */
  fetch?: FetchLike;
  /** options of the RAM-role provider that `EcsRamRole` / `ecs_ram_role` profiles use */
  ramRole?: Omit<RamRoleCredentialsOptions, "env">;
  /** clock of the caches of temporary credentials, ms since the epoch (default Date.now) */
  now?: () => number;
}

/** The home folder the files live under. */
export function homeDirectory(node: NodeBuiltins, env: EnvVars, homeDir?: string): string {
  return homeDir || env.HOME || env.USERPROFILE || node.os.homedir();
}

/** `~/x` → `<home>/x`, as shells would expand it. */
export function expandHome(node: NodeBuiltins, file: string, home: string): string {
  return file === "~" || file.startsWith("~/") || file.startsWith("~\\")
    ? node.path.join(home, file.slice(1))
    : file;
}

/** The file's text, or undefined when it does not exist. */
export async function readOptionalFile(
  node: NodeBuiltins,
  file: string,
  provider: string,
): Promise<string | undefined> {
  try {
    return await node.fs.promises.readFile(file, "utf8");
  } catch (error) {
    const code = (error as { code?: string }).code;
    if (code === "ENOENT" || code === "ENOTDIR") return undefined;
    throw new CredentialsError(provider, `cannot read ${file} (${code ?? (error as Error).name})`);
  }
}
