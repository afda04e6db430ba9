/**
 * The instance metadata client (`http://100.100.100.200`) and the RAM role's
 * credentials, for code running inside an ECI container group or an ECS instance.
 *
 * Browser-safe (fetch only).
 *
 * @module alicloud-eci/metadata
 */

export type { EnvVars } from "./base/env.js";
export { DEFAULT_METADATA_ENDPOINT, type MetadataOptions } from "./base/imds.js";
export { MetadataError, type MetadataErrorKind } from "./base/imds-errors.js";
export { type CacheOptions, cachedCredentials } from "./credentials/cache.js";
export { CredentialsError, type CredentialsFailure } from "./credentials/errors.js";
export { type RamRoleCredentialsOptions, ramRoleCredentials } from "./credentials/ram-role.js";
export {
  createMetadataClient,
  type MetadataCallOptions,
  type MetadataClient,
  type MetadataClientOptions,
  type NetworkInterfaceMetadata,
} from "./metadata/client.js";
export { describeSelf, type InstanceFacts, type InterfaceFacts } from "./metadata/describe-self.js";
