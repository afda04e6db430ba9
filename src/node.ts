/**
 * What only makes sense in Node: the credential providers that read files (the Alibaba
 * Cloud CLI's `~/.aliyun/config.json` and the SDKs' `~/.alibabacloud/credentials`) and
 * the `node:http` transport that clients use by default in Node (with the network proxy of
 * the environment or of `httpProxy`, and a connect timeout: docs/networking.md).
 *
 * They reach Node's modules through `process.getBuiltinModule`, so nothing here breaks a
 * browser bundle that happens to include it.
 *
 * @module alicloud-eci/node
 */

export type { EnvVars } from "./base/env.js";
export {
  type DefaultCredentialsChainOptions,
  defaultCredentialsChain,
} from "./credentials/chain.js";
export { cliProfileCredentials } from "./credentials/cli-profile.js";
export { CredentialsError, type CredentialsFailure } from "./credentials/errors.js";
export type { FileCredentialsOptions } from "./credentials/files.js";
export { iniProfileCredentials } from "./credentials/ini-profile.js";
export type { NodeHttpFetchOptions } from "./transport/node-http.js";
export { createNodeHttpFetch, nodeHttpFetch } from "./transport/node-http-fetch.js";
