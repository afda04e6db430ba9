// alicloud-eci/metadata: the instance metadata client and the RAM-role credentials, for
// code running inside an ECI container group or an ECS instance. Browser-safe (fetch only).

export { type CacheOptions, cachedCredentials } from "./credentials/cache.js";
export { CredentialsError, type CredentialsFailure } from "./credentials/errors.js";
export type { EnvVars } from "./credentials/process-env.js";
export { type RamRoleCredentialsOptions, ramRoleCredentials } from "./credentials/ram-role.js";
export {
  createMetadataClient,
  type MetadataCallOptions,
  type MetadataClient,
  type MetadataClientOptions,
  type NetworkInterfaceMetadata,
} from "./metadata/client.js";
export { describeSelf, type InstanceFacts, type InterfaceFacts } from "./metadata/describe-self.js";
export { MetadataError, type MetadataErrorKind } from "./metadata/errors.js";
export { DEFAULT_METADATA_ENDPOINT, type MetadataOptions } from "./metadata/imds.js";
