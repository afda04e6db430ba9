// alicloud-eci/node: the credential providers that read files (the Alibaba Cloud CLI's
// ~/.aliyun/config.json and the SDKs' ~/.alibabacloud/credentials). They reach Node's fs
// through process.getBuiltinModule, so the main entry stays browser-safe.

export {
  type DefaultCredentialsChainOptions,
  defaultCredentialsChain,
} from "./credentials/chain.js";
export { cliProfileCredentials } from "./credentials/cli-profile.js";
export { CredentialsError, type CredentialsFailure } from "./credentials/errors.js";
export type { FileCredentialsOptions } from "./credentials/files.js";
export { iniProfileCredentials } from "./credentials/ini-profile.js";
export type { EnvVars } from "./credentials/process-env.js";
