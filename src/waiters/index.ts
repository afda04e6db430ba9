export {
  type ContainerGroup,
  type ContainerGroupRef,
  waitForContainerGroupDeleted,
  waitForContainerGroupRunning,
} from "./container-group.js";
export type { PullFailureKind } from "./diagnose.js";
export { WaiterError, type WaiterErrorInit, type WaiterFailureReason } from "./errors.js";
export { ImagePullError, ScheduleError } from "./failures.js";
export { type ImageCache, type ImageCacheRef, waitForImageCacheReady } from "./image-cache.js";
export {
  type BackendServerHealth,
  type BackendServersRef,
  waitForBackendServersHealthy,
} from "./load-balancer.js";
export {
  type EipAddress,
  type EipWaiterOptions,
  type NatGatewayAttributes,
  type VpcAttributes,
  type VSwitchAttributes,
  waitForEipStatus,
  waitForNatGatewayAvailable,
  waitForVpcAvailable,
  waitForVSwitchAvailable,
} from "./network.js";
export type { RegionRef } from "./region.js";
export type {
  EventWaiterOptions,
  WaitDecision,
  WaiterEvent,
  WaiterOptions,
  WaiterProgress,
  WaitUntilSpec,
} from "./types.js";
export { waitUntil } from "./wait-until.js";
