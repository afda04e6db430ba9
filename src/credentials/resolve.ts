import { ConfigurationError } from "../core/errors.js";
import { defaultCredentialsChain } from "./chain.js";
import type { Credentials, CredentialsOption, CredentialsProvider } from "./types.js";

/** Turns the `credentials` option into a provider; omitted means the default chain. */
export function resolveCredentials(option: CredentialsOption | undefined): CredentialsProvider {
  if (option === undefined) return defaultCredentialsChain();
  if (typeof option === "function") return option;
  return staticCredentials(option);
}

/** Fixed keys (or a fixed STS triple), checked once. */
export function staticCredentials(credentials: Credentials): CredentialsProvider {
  const { accessKeyId, accessKeySecret, securityToken } = credentials ?? {};
  if (typeof accessKeyId !== "string" || !accessKeyId || typeof accessKeySecret !== "string" || !accessKeySecret) {
    throw new ConfigurationError("credentials need a non-empty accessKeyId and accessKeySecret");
  }
  const fixed: Credentials = Object.freeze({
    accessKeyId,
    accessKeySecret,
    ...(securityToken ? { securityToken } : {}),
    providerName: credentials.providerName ?? (securityToken ? "static_sts" : "static_ak"),
  });
  return () => Promise.resolve(fixed);
}
