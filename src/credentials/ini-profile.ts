import { PROFILE_VARS, pickEnv, readEnv } from "../base/env.js";
import { CredentialsError } from "./errors.js";
import {
  expandHome,
  type FileCredentialsOptions,
  homeDirectory,
  readOptionalFile,
} from "./files.js";
import { parseIni } from "./ini.js";
import { nodeBuiltins } from "./node-builtins.js";
import { sealCredentials } from "./seal.js";
import type { CredentialsProvider } from "./types.js";

const PROVIDER = "profile";
/** The types of the shared credentials file. */
const INI_TYPES = new Set([
  "access_key",
  "sts",
  "ecs_ram_role",
  "ram_role_arn",
  "oidc_role_arn",
  "rsa_key_pair",
  "bearer",
  "credentials_uri",
]);

/**
 * Keys from the shared INI file of the Alibaba Cloud SDKs, `~/.alibabacloud/credentials`
 * (or the file named by `ALIBABA_CLOUD_CREDENTIALS_FILE`), re-read at every call. The
 * section is `profile`, else `ALIBABA_CLOUD_PROFILE` (`ALIBABACLOUD_PROFILE`,
 * `ALICLOUD_PROFILE`), else `default`; it must say `type = access_key` with
 * `access_key_id` and `access_key_secret`. `providerName` is `profile`.
 *
 * ```ini
 * [default]
 * type = access_key
 * access_key_id = LTAI...
 * access_key_secret = ...
 * ```
 * Needs Node (fs through `process.getBuiltinModule`); elsewhere it fails with a
 * CredentialsError saying so.
 * @throws CredentialsError when the file, the section or a key is missing, or the type is not `access_key`
 */
export function iniProfileCredentials(options: FileCredentialsOptions = {}): CredentialsProvider {
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
    const type = section.get("type");
    if (!type) throw new CredentialsError(PROVIDER, `[${name}] in ${file} has no type`);
    if (type !== "access_key") {
      // a type the SDKs define is named; anything else may be a secret pasted in the wrong line
      const shown = INI_TYPES.has(type) ? `type ${type}` : "a type the SDKs do not define";
      throw new CredentialsError(
        PROVIDER,
        `[${name}] in ${file} has ${shown}; only type = access_key is read (use ramRoleCredentials for an instance RAM role)`,
      );
    }
    const field = (key: string) => {
      const value = section.get(key);
      if (!value) throw new CredentialsError(PROVIDER, `[${name}] in ${file} has no ${key}`);
      return value;
    };
    return sealCredentials({
      accessKeyId: field("access_key_id"),
      accessKeySecret: field("access_key_secret"),
      providerName: PROVIDER,
    });
  };
}
