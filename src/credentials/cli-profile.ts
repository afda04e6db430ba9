import { PROFILE_VARS, pickEnv, readEnv } from "../base/env.js";
import { CredentialsError } from "./errors.js";
import { type FileCredentialsOptions, homeDirectory, readOptionalFile } from "./files.js";
import { nodeBuiltins } from "./node-builtins.js";
import { sealCredentials } from "./seal.js";
import type { CredentialsProvider } from "./types.js";

const PROVIDER = "cli_profile";
/** The modes `aliyun configure` writes. */
const CLI_MODES = new Set([
  "AK",
  "StsToken",
  "RamRoleArn",
  "EcsRamRole",
  "RsaKeyPair",
  "RamRoleArnWithRoleName",
  "ChainableRamRoleArn",
  "External",
  "CredentialsURI",
  "OIDC",
  "CloudSSO",
  "OAuth",
]);

/** One entry of `profiles` in `~/.aliyun/config.json` (the fields read here). */
interface CliProfile {
  name?: unknown;
  mode?: unknown;
  access_key_id?: unknown;
  access_key_secret?: unknown;
  sts_token?: unknown;
}

/**
 * Keys from the Alibaba Cloud CLI's `~/.aliyun/config.json` (what `aliyun configure` writes),
 * re-read at every call. The profile is `profile`, else `ALIBABA_CLOUD_PROFILE`
 * (`ALIBABACLOUD_PROFILE`, `ALICLOUD_PROFILE`), else the file's `current`. Profiles in mode
 * `AK` and `StsToken` are supported (an empty mode counts as `StsToken` when `sts_token` is
 * set, else `AK`); other modes fail with a clear error. `providerName` is `cli_profile`.
 *
 * Needs Node (fs through `process.getBuiltinModule`); elsewhere it fails with a
 * CredentialsError saying so.
 * @throws CredentialsError when the file, the profile or a key is missing, or the mode is not supported
 */
export function cliProfileCredentials(options: FileCredentialsOptions = {}): CredentialsProvider {
  return async () => {
    const node = nodeBuiltins(PROVIDER);
    const env = readEnv(options.env);
    const file =
      options.path ??
      node.path.join(homeDirectory(node, env, options.homeDir), ".aliyun", "config.json");
    const text = await readOptionalFile(node, file, PROVIDER);
    if (text === undefined) throw new CredentialsError(PROVIDER, `${file} does not exist`);
    let config: { current?: unknown; profiles?: unknown };
    try {
      config = JSON.parse(text) ?? {};
    } catch {
      // JSON.parse quotes the text around the error, which may be a secret
      throw new CredentialsError(PROVIDER, `${file} is not valid JSON`);
    }
    const name =
      options.profile ?? pickEnv(env, PROFILE_VARS)?.[1] ?? stringOr(config.current, "default");
    const profiles = Array.isArray(config.profiles) ? (config.profiles as CliProfile[]) : [];
    const profile = profiles.find((p) => p?.name === name);
    if (!profile) throw new CredentialsError(PROVIDER, `${file} has no profile "${name}"`);

    const mode = stringOr(profile.mode, "") || (profile.sts_token ? "StsToken" : "AK");
    if (mode !== "AK" && mode !== "StsToken") {
      // a mode the CLI defines is named; anything else may be a secret pasted in the wrong field
      const shown = CLI_MODES.has(mode) ? `mode ${mode}` : "a mode the CLI does not define";
      throw new CredentialsError(
        PROVIDER,
        `profile "${name}" in ${file} has ${shown}; only AK and StsToken profiles are read (pass credentials or a provider for other modes)`,
      );
    }
    const field = (key: keyof CliProfile) => {
      const value = profile[key];
      if (typeof value !== "string" || !value) {
        throw new CredentialsError(
          PROVIDER,
          `profile "${name}" (mode ${mode}) in ${file} has no ${key}`,
        );
      }
      return value;
    };
    return sealCredentials({
      accessKeyId: field("access_key_id"),
      accessKeySecret: field("access_key_secret"),
      ...(mode === "StsToken" ? { securityToken: field("sts_token") } : {}),
      providerName: PROVIDER,
    });
  };
}

const stringOr = (value: unknown, fallback: string) =>
  typeof value === "string" && value ? value : fallback;
