// The five user-guide topics as helpers (topic 5, describeSelf, lives in alicloud-eci/metadata).
export { derivedClientToken, withDerivedClientToken } from "./client-token.js";
export { addDnatRule, type DnatRule, type DnatRuleOptions } from "./dnat.js";
export {
  allowInboundPort,
  createContainerGroupWithEip,
  type EipChoice,
  EipInUseError,
  type InboundPortOptions,
} from "./eip.js";
export { type ExecInput, type ExecResult, execInContainer } from "./exec.js";
export {
  type ExecSession,
  type ExecSessionInput,
  type ExecSessionOptions,
  openExecSession,
  type SessionEnd,
  type WebSocketConstructor,
  type WebSocketLike,
} from "./exec-session.js";
export {
  type CreateImageCacheOptions,
  createContainerGroupWithCache,
  createImageCacheAndWait,
  findImageCache,
  type ImageCacheChoice,
  normalizeImage,
  withImageCache,
} from "./image-cache.js";
export {
  type CachePreflight,
  InternetAccessError,
} from "./image-cache-preflight.js";
export {
  type EnableInternetViaNatOptions,
  enableInternetViaNat,
  InternetSetupError,
  type InternetStep,
  type InternetViaNat,
} from "./internet.js";
export {
  checkInternetAccess,
  type InternetAccess,
  type InternetCheckOptions,
  type InternetCheckVpc,
} from "./internet-check.js";
export { launchContainerGroups } from "./launch.js";
export type {
  LaunchClient,
  LaunchOptions,
  LaunchProgress,
  LaunchResult,
  LaunchSpec,
} from "./launch-types.js";
export {
  type ContainerRef,
  type FollowLogOptions,
  followContainerLog,
  type LogEntry,
} from "./logs.js";
export {
  createContainerGroupWithPlacement,
  isStockError,
  PLACEMENT_CODES,
  type PlacementAttempt,
  type PlacementCandidate,
  PlacementError,
  type PlacementOptions,
  type PlacementResult,
} from "./placement.js";
export {
  type AttachOptions,
  attachContainerGroups,
  BACKEND_STATES,
  BackendAttachError,
  type BackendHealth,
  detachContainerGroups,
  type EciBackend,
  getBackendHealth,
} from "./slb.js";
export { resolveStartCommand, resolveWorkingDir, type StartCommandInput } from "./start-command.js";
