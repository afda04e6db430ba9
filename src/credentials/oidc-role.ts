// Temporary credentials of a RAM role for an OIDC token (RRSA): what a pod on ACK or ACK
// Serverless gets without any key. ACK projects a service account token into the pod and
// sets ALIBABA_CLOUD_ROLE_ARN, ALIBABA_CLOUD_OIDC_PROVIDER_ARN and
// ALIBABA_CLOUD_OIDC_TOKEN_FILE; STS AssumeRoleWithOIDC turns the token into keys.
import { readEnv } from "../base/env.js";
import { type CacheOptions, cachedCredentials } from "./cache.js";
import { CredentialsError } from "./errors.js";
import { fetchOf } from "./http.js";
import { nodeBuiltins } from "./node-builtins.js";
import { callSts } from "./sts-call.js";
import { type StsOptions, stsOrigin } from "./sts-endpoint.js";
import type { CredentialsProvider } from "./types.js";

const PROVIDER = "oidc_role_arn";

/** Options of {@link oidcRoleCredentials}; each falls back to its variable, read at every refresh. */
export interface OidcRoleCredentialsOptions extends StsOptions, CacheOptions {
  /** the role to take (default `ALIBABA_CLOUD_ROLE_ARN`) */
  roleArn?: string;
  /** the OIDC provider in RAM (default `ALIBABA_CLOUD_OIDC_PROVIDER_ARN`) */
  oidcProviderArn?: string;
  /** the file holding the token, re-read at every refresh (default `ALIBABA_CLOUD_OIDC_TOKEN_FILE`) */
  oidcTokenFile?: string;
  /** session name (default `ALIBABA_CLOUD_ROLE_SESSION_NAME`, else `alicloud-eci-<ms>`) */
  roleSessionName?: string;
  /** a policy that narrows the role for this session (JSON text) */
  policy?: string;
  /** lifetime in seconds, 900 up to the role's maximum (default 3600) */
  durationSeconds?: number;
}

/**
 * Temporary credentials for the OIDC token in `ALIBABA_CLOUD_OIDC_TOKEN_FILE`, from STS
 * AssumeRoleWithOIDC (sent unsigned: the token is the proof). The token file is read again
 * at every refresh, since Kubernetes rotates it. Cached with {@link cachedCredentials};
 * `providerName` is `oidc_role_arn`. Node only (it reads a file).
 * @throws CredentialsError naming what is missing (a variable, the file) or what STS said; never the token
 */
export function oidcRoleCredentials(options: OidcRoleCredentialsOptions = {}): CredentialsProvider {
  const now = options.now ?? Date.now;
  return cachedCredentials(async () => {
    const env = readEnv(options.env);
    const roleArn = options.roleArn || env.ALIBABA_CLOUD_ROLE_ARN;
    const providerArn = options.oidcProviderArn || env.ALIBABA_CLOUD_OIDC_PROVIDER_ARN;
    const tokenFile = options.oidcTokenFile || env.ALIBABA_CLOUD_OIDC_TOKEN_FILE;
    const missing = [
      roleArn ? "" : "ALIBABA_CLOUD_ROLE_ARN (roleArn)",
      providerArn ? "" : "ALIBABA_CLOUD_OIDC_PROVIDER_ARN (oidcProviderArn)",
      tokenFile ? "" : "ALIBABA_CLOUD_OIDC_TOKEN_FILE (oidcTokenFile)",
    ].filter(Boolean);
    if (missing.length) throw new CredentialsError(PROVIDER, `${missing.join(", ")} not set`);
    const duration = options.durationSeconds ?? 3600;
    if (duration < 900) {
      throw new CredentialsError(PROVIDER, `durationSeconds ${duration} is below 900`);
    }
    const token = await readToken(tokenFile as string);
    return callSts(
      {
        provider: PROVIDER,
        origin: stsOrigin(options, PROVIDER),
        action: "AssumeRoleWithOIDC",
        params: {
          DurationSeconds: duration,
          OIDCProviderArn: providerArn,
          OIDCToken: token,
          Policy: options.policy || undefined,
          RoleArn: roleArn,
          RoleSessionName:
            options.roleSessionName ||
            env.ALIBABA_CLOUD_ROLE_SESSION_NAME ||
            `alicloud-eci-${now()}`,
        },
        fetch: fetchOf(options.fetch),
        timeoutMs: options.timeoutMs ?? 10_000,
        secrets: [token],
      },
      PROVIDER,
    );
  }, options);
}

async function readToken(file: string): Promise<string> {
  const { fs } = nodeBuiltins(PROVIDER);
  let text: string;
  try {
    text = await fs.promises.readFile(file, "utf8");
  } catch (error) {
    const code = (error as { code?: string }).code ?? (error as Error).name;
    throw new CredentialsError(PROVIDER, `cannot read the OIDC token file ${file} (${code})`);
  }
  if (!text.trim()) throw new CredentialsError(PROVIDER, `the OIDC token file ${file} is empty`);
  return text.trim();
}
