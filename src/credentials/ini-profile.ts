import { PROFILE_VARS, pickEnv, readEnv } from "../base/env.js";
import { asStep, CredentialsError } from "./errors.js";
import {
  expandHome,
  type FileCredentialsOptions,
  homeDirectory,
  readOptionalFile,
} from "./files.js";
import { parseIni } from "./ini.js";
import { iniSectionProvider } from "./ini-types.js";
import { providerMemo } from "./memo.js";
import { nodeBuiltins } from "./node-builtins.js";
import { sealCredentials } from "./seal.js";
import type { CredentialsProvider } from "./types.js";

const PROVIDER = "profile";

/**
 * Keys from the shared INI file of the Alibaba Cloud SDKs, `~/.alibabacloud/credentials`
 * (or the file named by `ALIBABA_CLOUD_CREDENTIALS_FILE`), re-read at every call. The
 * section is `profile`, else `ALIBABA_CLOUD_PROFILE` (`ALIBABACLOUD_PROFILE`,
 * `ALICLOUD_PROFILE`), else `default`. Types read: `access_key` (`access_key_id`,
 * `access_key_secret`), `ecs_ram_role` (`role_name`), `ram_role_arn` (the keys plus
 * `role_arn`, `role_session_name`, `policy`: STS AssumeRole) and `oidc_role_arn`
 * (`role_arn`, `oidc_provider_arn`, `oidc_token_file_path`, `role_session_name`, `policy`:
 * AssumeRoleWithOIDC). The temporary credentials of a section are cached while it stays the
 * same. `providerName` is `profile`.
 *
 * ```ini
 * [default]
 * type = access_key
 * access_key_id = LTAI...
 * access_key_secret = ...
 * ```
 * Needs Node (fs through `process.getBuiltinModule`); elsewhere it fails with a
 * CredentialsError saying so.
 * @throws CredentialsError when the file, the section or a key is missing, the type is not read, or STS fails
 */
export function iniProfileCredentials(options: FileCredentialsOptions = {}): CredentialsProvider {
  const memo = providerMemo();
  return async () => {
    const node = nodeBuiltins(PROVIDER);
    const env = readEnv(options.env);
    const home = homeDirectory(node, env, options.homeDir);
    const fromEnv = options.path === undefined && !!env.ALIBABA_CLOUD_CREDENTIALS_FILE;
    const file = expandHome(
      node,
      options.path ??
        (env.ALIBABA_CLOUD_CREDENTIALS_FILE ||
          node.path.join(home, ".alibabacloud", "credentials")),
      home,
    );
    const text = await readOptionalFile(node, file, PROVIDER);
    if (text === undefined) {
      throw new CredentialsError(
        PROVIDER,
        `${file}${fromEnv ? " (ALIBABA_CLOUD_CREDENTIALS_FILE)" : ""} does not exist`,
      );
    }
    const name = options.profile ?? pickEnv(env, PROFILE_VARS)?.[1] ?? "default";
    const section = parseIni(text).get(name);
    if (!section) throw new CredentialsError(PROVIDER, `${file} has no [${name}] section`);
    const provider = iniSectionProvider(section, { name, file }, options, memo);
    return sealCredentials({ ...(await asStep(PROVIDER, provider)), providerName: PROVIDER });
  };
}
