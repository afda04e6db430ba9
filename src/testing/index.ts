// alicloud-eci/testing: a fake Alibaba Cloud for tests and demos (Node only).

export type { FakeDurations, TimeMode } from "./clock.js";
export { DEMO_DURATIONS, REALISTIC_DURATIONS } from "./clock.js";
export type { FakeClientOptions, FakeCloud, FakeCloudOptions } from "./fake-cloud.js";
export { createFakeCloud, FAKE_CREDENTIALS } from "./fake-cloud.js";
export type { DropOptions, FailOptions, Faults, RateLimitOptions } from "./faults.js";
export type { RequestRecord } from "./gateway.js";
export type { ImageConfig } from "./images.js";
export { BUILTIN_IMAGES } from "./images.js";
export type { FakeMetadataOptions, FakeMetadataService } from "./metadata.js";
export { createFakeMetadataService } from "./metadata.js";
export type { FakeOidcTokenOptions } from "./oidc.js";
export { fakeOidcToken } from "./oidc.js";
export type { EciQuotas } from "./quotas.js";
export { ECI_RATE_LIMITS } from "./rate-limits.js";
export type { RegionTable } from "./regions.js";
export { DEFAULT_REGIONS } from "./regions.js";
export type { FakeServer } from "./server.js";
export type { ScheduleFailureOptions, SoldOutOptions, Stock, StockMatch } from "./stock.js";
export type { FakeOidcProviderOptions, FakeRoleOptions, FakeSts } from "./sts-admin.js";
export type { FakeCredentials } from "./verify.js";
export type { FakeStateView } from "./view.js";
