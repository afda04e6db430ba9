// The real ECI API's published rate limits, as rateLimit options: ECI's "Limits" page
// (help.aliyun.com/en/eci/product-overview/limits) gives CreateContainerGroup and
// DeleteContainerGroup a token bucket of 100 with 20 refills a second, and the others a
// number of calls per minute (turned into a rate per second here, burst the same).
import type { RateLimitOptions } from "./faults.js";

const perMinute = (action: string, calls: number): RateLimitOptions => ({
  action,
  perSecond: calls / 60,
  burst: Math.ceil(calls / 60),
});

/**
 * `for (const limit of ECI_RATE_LIMITS) fake.faults.rateLimit(limit)`: the fake throttles
 * as an account with the default limits does. Actions the page does not list
 * (DescribeContainerGroupStatus among them) stay unlimited.
 */
export const ECI_RATE_LIMITS: readonly RateLimitOptions[] = [
  { action: "CreateContainerGroup", perSecond: 20, burst: 100 },
  { action: "DeleteContainerGroup", perSecond: 20, burst: 100 },
  perMinute("DescribeContainerGroups", 2_000),
  perMinute("DescribeContainerGroupMetric", 2_000),
  perMinute("DescribeContainerGroupPrice", 1_000),
  perMinute("ExportContainerGroupTemplate", 1_000),
  perMinute("ExecContainerCommand", 500),
  perMinute("DescribeContainerLog", 500),
  perMinute("RestartContainerGroup", 500),
  perMinute("UpdateContainerGroup", 500),
  perMinute("DescribeMultiContainerGroupMetric", 500),
  perMinute("CreateImageCache", 200),
];
