import { PROFILE_VARS, pickEnv, readEnv } from "../base/env.js";
import { type CliProfile, cliProfileProvider } from "./cli-modes.js";
import { asStep, CredentialsError } from "./errors.js";
import { type FileCredentialsOptions, homeDirectory, readOptionalFile } from "./files.js";
import { providerMemo } from "./memo.js";
import { nodeBuiltins } from "./node-builtins.js";
import { sealCredentials } from "./seal.js";
import type { CredentialsProvider } from "./types.js";

const PROVIDER = "cli_profile";

/**
 * Keys from the Alibaba Cloud CLI's `~/.aliyun/config.json` (what `aliyun configure` writes),
 * re-read at every call. The profile is `profile`, else `ALIBABA_CLOUD_PROFILE`
 * (`ALIBABACLOUD_PROFILE`, `ALICLOUD_PROFILE`), else the file's `current`. Modes read, as
 * the official `@alicloud/credentials` reads them: `AK`, `StsToken` (an empty mode counts as
 * `StsToken` when `sts_token` is set, else `AK`), `RamRoleArn` (STS AssumeRole with the
 * profile's keys), `ChainableRamRoleArn` (AssumeRole with the credentials of
 * `source_profile`), `EcsRamRole` (the instance RAM role), `OIDC` (AssumeRoleWithOIDC) and
 * `CredentialsURI`; other modes fail with a clear error. The temporary credentials of a
 * profile are cached while the profile stays the same. `providerName` is `cli_profile`.
 *
 * Needs Node (fs through `process.getBuiltinModule`); elsewhere it fails with a
 * CredentialsError saying so.
 * @throws CredentialsError when the file, the profile or a key is missing, the mode is not supported, or STS fails
 */
export function cliProfileCredentials(options: FileCredentialsOptions = {}): CredentialsProvider {
  const memo = providerMemo();
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
    const { provider } = cliProfileProvider({ file, profiles, options, memo }, name);
    return sealCredentials({ ...(await asStep(PROVIDER, provider)), providerName: PROVIDER });
  };
}

const stringOr = (value: unknown, fallback: string) =>
  typeof value === "string" && value ? value : fallback;
