/**
 * Typed clients for ECI, VPC, ECS security groups and SLB (`createEciClient`,
 * `createVpcClient`, `createEcsClient`, `createSlbClient`), their errors, pagination,
 * waiters and the helpers for the ECI user guide's topics.
 *
 * Browser-safe: no Node built-ins are imported from this entry.
 *
 * @module alicloud-eci
 */

export * from "../generated/index.js";
export type {
  CredentialsFailure,
  PopErrorBody,
  PopErrorKind,
  RequestErrorInit,
  ValidationIssue,
} from "./base/errors.js";
export {
  AbortError,
  ConfigurationError,
  ConnectionError,
  CredentialsError,
  InvalidResponseError,
  NotFoundError,
  PermissionError,
  PopError,
  RequestError,
  ThrottlingError,
  TimeoutError,
  ValidationError,
} from "./base/errors.js";
export type { Logger } from "./base/logger.js";
export type { AttemptInfo, CallOptions, ClientBase, ClientOptions } from "./core/client.js";
export type { HookContext, Middleware } from "./core/hooks.js";
export type { RetryOptions } from "./core/retry.js";
export type { Input, Output } from "./core/types.js";
export type { Credentials, CredentialsOption, CredentialsProvider } from "./credentials/types.js";
export * from "./helpers/index.js";
export type {
  Page,
  PageableAction,
  PageableClient,
  PageInput,
  PageItem,
  PageResponse,
  PagesOf,
  PaginateOptions,
} from "./paginate/index.js";
export { PaginationError, paginate, paginatePages } from "./paginate/index.js";
export type {
  BackendServerHealth,
  BackendServersRef,
  ContainerGroupRef,
  EipWaiterOptions,
  EventWaiterOptions,
  ImageCacheRef,
  NatGatewayAttributes,
  PullFailureKind,
  RegionRef,
  VpcAttributes,
  VSwitchAttributes,
  WaitDecision,
  WaiterErrorInit,
  WaiterEvent,
  WaiterFailureReason,
  WaiterOptions,
  WaiterProgress,
  WaitUntilSpec,
} from "./waiters/index.js";
export {
  ImagePullError,
  ScheduleError,
  WaiterError,
  waitForBackendServersHealthy,
  waitForContainerGroupDeleted,
  waitForContainerGroupRunning,
  waitForEipStatus,
  waitForImageCacheReady,
  waitForNatGatewayAvailable,
  waitForVpcAvailable,
  waitForVSwitchAvailable,
  waitUntil,
} from "./waiters/index.js";
