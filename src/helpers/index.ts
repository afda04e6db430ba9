// The five user-guide topics as helpers (topic 5, describeSelf, lives in alicloud-eci/metadata).
export { addDnatRule, type DnatRule, type DnatRuleOptions } from "./dnat.js";
export {
  allowInboundPort,
  createContainerGroupWithEip,
  type EipChoice,
  EipInUseError,
  type InboundPortOptions,
} from "./eip.js";
export {
  createContainerGroupWithCache,
  createImageCacheAndWait,
  findImageCache,
  type ImageCacheChoice,
  normalizeImage,
  withImageCache,
} from "./image-cache.js";
export {
  type EnableInternetViaNatOptions,
  enableInternetViaNat,
  InternetSetupError,
  type InternetStep,
  type InternetViaNat,
} from "./internet.js";
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
