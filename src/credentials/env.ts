import { type EnvVars, pickEnv, readEnv } from "../base/env.js";
import { CredentialsError } from "./errors.js";
import { sealCredentials } from "./seal.js";
import type { CredentialsProvider } from "./types.js";

const PROVIDER = "env";

/** AccessKey ID variables, in the order the Alibaba Cloud CLI checks them. */
export const ACCESS_KEY_ID_VARS = [
  "ALIBABA_CLOUD_ACCESS_KEY_ID",
  "ALIBABACLOUD_ACCESS_KEY_ID",
  "ALICLOUD_ACCESS_KEY_ID",
  "ACCESS_KEY_ID",
] as const;
/** AccessKey secret variables, in the order the Alibaba Cloud CLI checks them. */
export const ACCESS_KEY_SECRET_VARS = [
  "ALIBABA_CLOUD_ACCESS_KEY_SECRET",
  "ALIBABACLOUD_ACCESS_KEY_SECRET",
  "ALICLOUD_ACCESS_KEY_SECRET",
  "ACCESS_KEY_SECRET",
] as const;
/** STS token variables, in the order the Alibaba Cloud CLI checks them. */
export const SECURITY_TOKEN_VARS = [
  "ALIBABA_CLOUD_SECURITY_TOKEN",
  "ALIBABACLOUD_SECURITY_TOKEN",
  "ALICLOUD_SECURITY_TOKEN",
  "SECURITY_TOKEN",
] as const;

/** Options of {@link envCredentials}. */
export interface EnvCredentialsOptions {
  /** variables to read instead of `process.env` (tests, or a config object) */
  env?: EnvVars;
}

/**
 * Keys from environment variables, read at every call (a changed variable is seen at once):
 * `ALIBABA_CLOUD_ACCESS_KEY_ID`, `ALIBABA_CLOUD_ACCESS_KEY_SECRET` and, for STS keys,
 * `ALIBABA_CLOUD_SECURITY_TOKEN`. The older spellings the Alibaba Cloud CLI accepts also
 * work, each checked in the CLI's order: `ALIBABACLOUD_*`, `ALICLOUD_*`, then the bare
 * `ACCESS_KEY_ID` / `ACCESS_KEY_SECRET` / `SECURITY_TOKEN`. `providerName` is `env`.
 * Browser-safe: without `process` there are simply no variables.
 * @throws CredentialsError naming the missing variable
 */
export function envCredentials(options: EnvCredentialsOptions = {}): CredentialsProvider {
  return async () => {
    const env = readEnv(options.env);
    const id = pickEnv(env, ACCESS_KEY_ID_VARS);
    const secret = pickEnv(env, ACCESS_KEY_SECRET_VARS);
    if (!id && !secret) {
      throw new CredentialsError(
        PROVIDER,
        "ALIBABA_CLOUD_ACCESS_KEY_ID and ALIBABA_CLOUD_ACCESS_KEY_SECRET are not set",
      );
    }
    if (!id)
      throw new CredentialsError(
        PROVIDER,
        `${secret?.[0]} is set but ALIBABA_CLOUD_ACCESS_KEY_ID is not`,
      );
    if (!secret)
      throw new CredentialsError(
        PROVIDER,
        `${id[0]} is set but ALIBABA_CLOUD_ACCESS_KEY_SECRET is not`,
      );
    const token = pickEnv(env, SECURITY_TOKEN_VARS);
    return sealCredentials({
      accessKeyId: id[1],
      accessKeySecret: secret[1],
      ...(token ? { securityToken: token[1] } : {}),
      providerName: PROVIDER,
    });
  };
}
