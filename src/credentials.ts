/**
 * The credential providers and the default chain, for code that builds its own chain or
 * caches its own provider. Clients use the default chain by themselves when
 * `credentials` is omitted.
 *
 * Browser-safe; the file-based providers (CLI profile, INI file) are in
 * `alicloud-eci/node`. The OIDC role provider (RRSA) reads its token file through Node's fs
 * when called, so it works where Node runs it.
 *
 * @module alicloud-eci/credentials
 */

export type { EnvVars } from "./base/env.js";
export { type CacheOptions, cachedCredentials } from "./credentials/cache.js";
export {
  type CredentialsChainOptions,
  credentialsChain,
  type DefaultCredentialsChainOptions,
  defaultCredentialsChain,
} from "./credentials/chain.js";
export { type EnvCredentialsOptions, envCredentials } from "./credentials/env.js";
export { CredentialsError, type CredentialsFailure } from "./credentials/errors.js";
export { type OidcRoleCredentialsOptions, oidcRoleCredentials } from "./credentials/oidc-role.js";
export { type RamRoleCredentialsOptions, ramRoleCredentials } from "./credentials/ram-role.js";
export {
  type RamRoleArnCredentialsOptions,
  ramRoleArnCredentials,
} from "./credentials/ram-role-arn.js";
export { staticCredentials } from "./credentials/static.js";
export type { StsOptions } from "./credentials/sts-endpoint.js";
export type { Credentials, CredentialsOption, CredentialsProvider } from "./credentials/types.js";
export { type UriCredentialsOptions, uriCredentials } from "./credentials/uri.js";
