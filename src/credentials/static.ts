import { ConfigurationError } from "../base/errors.js";
import { sealCredentials } from "./seal.js";
import type { Credentials, CredentialsProvider } from "./types.js";

/**
 * Fixed keys, or a fixed STS triple (`securityToken` set), checked once.
 *
 * ```ts
 * const eci = createEciClient({ regionId: "cn-hangzhou", credentials: staticCredentials({ accessKeyId, accessKeySecret }) });
 * ```
 * Passing the object itself as `credentials` does the same.
 * @throws ConfigurationError when the id or the secret is missing
 */
export function staticCredentials(credentials: Credentials): CredentialsProvider {
  const { accessKeyId, accessKeySecret, securityToken } = credentials ?? {};
  if (
    typeof accessKeyId !== "string" ||
    !accessKeyId ||
    typeof accessKeySecret !== "string" ||
    !accessKeySecret
  ) {
    throw new ConfigurationError("credentials need a non-empty accessKeyId and accessKeySecret");
  }
  const fixed = sealCredentials({
    ...credentials,
    providerName: credentials.providerName ?? (securityToken ? "static_sts" : "static_ak"),
  });
  return Object.assign(() => Promise.resolve(fixed), { peek: () => fixed });
}
