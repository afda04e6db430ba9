// The products the proxy forwards to, looked up by own keys only: a path segment such as
// "constructor" or "__proto__" must never find a member of Object.prototype.
import { eciInfo } from "../../generated/eci.service.js";
import { ecsInfo } from "../../generated/ecs.service.js";
import { slbInfo } from "../../generated/slb.service.js";
import { vpcInfo } from "../../generated/vpc.service.js";
import { isRegionId } from "../core/endpoint.js";
import type { ServiceInfo } from "../core/meta.js";

const SERVICES = new Map<string, ServiceInfo>([
  ["eci", eciInfo],
  ["vpc", vpcInfo],
  ["ecs", ecsInfo],
  ["slb", slbInfo],
]);

/** The product's facts when `action` is one of its actions, else undefined. */
export function serviceFor(
  product: string | undefined,
  action: string | undefined,
): ServiceInfo | undefined {
  const service = product === undefined ? undefined : SERVICES.get(product);
  return service && action !== undefined && Object.hasOwn(service.actions, action)
    ? service
    : undefined;
}

/**
 * True when the proxy serves `regionId`: a plain region id, in `regions` when given, and
 * not a name Object.prototype has ("constructor"), which a plain endpoint table would
 * answer with a function instead of a host.
 */
export function servesRegion(regionId: string, regions: readonly string[] | undefined): boolean {
  if (!isRegionId(regionId) || regionId in Object.prototype) return false;
  return regions === undefined || regions.includes(regionId);
}
