// Temporary credentials of a RAM role taken with other credentials (STS AssumeRole): keys of
// a RAM user, or the credentials of another provider, so roles chain (a role session may
// take the next role). The source is asked again at every refresh, so it may rotate.
import { readEnv } from "../base/env.js";
import { type CacheOptions, cachedCredentials } from "./cache.js";
import { CredentialsError, reasonOf } from "./errors.js";
import { fetchOf } from "./http.js";
import { callSts } from "./sts-call.js";
import { type StsOptions, stsOrigin } from "./sts-endpoint.js";
import type { Credentials, CredentialsOption, CredentialsProvider } from "./types.js";

const PROVIDER = "ram_role_arn";

/** Options of {@link ramRoleArnCredentials}. */
export interface RamRoleArnCredentialsOptions extends StsOptions, CacheOptions {
  /** the credentials that take the role: fixed keys, or any provider (another role, the default chain…) */
  source: CredentialsOption;
  /** the role to take (default `ALIBABA_CLOUD_ROLE_ARN`) */
  roleArn?: string;
  /** session name (default `ALIBABA_CLOUD_ROLE_SESSION_NAME`, else `alicloud-eci-<ms>`) */
  roleSessionName?: string;
  /** a policy that narrows the role for this session (JSON text) */
  policy?: string;
  /** the external id the role's trust policy asks for (`sts:ExternalId`) */
  externalId?: string;
  /** lifetime in seconds, 900 up to the role's maximum (default 3600) */
  durationSeconds?: number;
}

/**
 * Temporary credentials of `roleArn`, from STS AssumeRole signed with `source` (V3). Cached
 * with {@link cachedCredentials}; `providerName` is `ram_role_arn/<the source's>`.
 * @throws CredentialsError naming what is missing, the source's failure or what STS said; never a secret
 */
export function ramRoleArnCredentials(options: RamRoleArnCredentialsOptions): CredentialsProvider {
  const now = options.now ?? Date.now;
  return cachedCredentials(async () => {
    const env = readEnv(options.env);
    const roleArn = options.roleArn || env.ALIBABA_CLOUD_ROLE_ARN;
    if (!roleArn) throw new CredentialsError(PROVIDER, "ALIBABA_CLOUD_ROLE_ARN (roleArn) not set");
    const duration = options.durationSeconds ?? 3600;
    if (duration < 900) {
      throw new CredentialsError(PROVIDER, `durationSeconds ${duration} is below 900`);
    }
    const source = await sourceCredentials(options.source);
    return callSts(
      {
        provider: PROVIDER,
        origin: stsOrigin(options, PROVIDER),
        action: "AssumeRole",
        params: {
          DurationSeconds: duration,
          ExternalId: options.externalId || undefined,
          Policy: options.policy || undefined,
          RoleArn: roleArn,
          RoleSessionName:
            options.roleSessionName ||
            env.ALIBABA_CLOUD_ROLE_SESSION_NAME ||
            `alicloud-eci-${now()}`,
        },
        signWith: source,
        fetch: fetchOf(options.fetch),
        timeoutMs: options.timeoutMs ?? 10_000,
        secrets: [source.accessKeySecret, source.securityToken],
      },
      `${PROVIDER}/${source.providerName ?? "custom"}`,
    );
  }, options);
}

async function sourceCredentials(source: CredentialsOption): Promise<Credentials> {
  try {
    const creds = typeof source === "function" ? await source() : source;
    if (!creds?.accessKeyId || !creds.accessKeySecret) throw new Error("no AccessKey pair");
    return creds;
  } catch (error) {
    throw new CredentialsError(PROVIDER, `the source credentials failed: ${reasonOf(error)}`, {
      cause: error,
    });
  }
}
