// The products the proxy forwards to, from the generated registry, looked up by own keys
// only: a path segment such as "constructor" or "__proto__" must never find a member of
// Object.prototype.
import { PRODUCTS } from "../../generated/products.js";
import { isRegionId } from "../core/endpoint.js";
import type { ServiceInfo } from "../core/meta.js";

const SERVICES = new Map<string, ServiceInfo>(
  Object.entries(PRODUCTS).map(([key, entry]) => [key, entry.service]),
);

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
