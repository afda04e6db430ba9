import { ConfigurationError } from "../base/errors.js";
import type { ServiceMeta } from "./meta.js";

const REGION_ID = /^[a-z0-9]+(-[a-z0-9]+)*$/;

/** True for a plain region id (`cn-hangzhou`): lower-case letters, digits and single dashes. */
export const isRegionId = (regionId: unknown): regionId is string =>
  typeof regionId === "string" && REGION_ID.test(regionId);

/** Refuses anything but a plain region id, so a region can never steer a request to another host. */
export function checkRegionId(regionId: unknown): string {
  if (!isRegionId(regionId)) {
    throw new ConfigurationError(
      `regionId must be a plain region id such as "cn-hangzhou" (lower-case letters, digits and single dashes), got ${JSON.stringify(regionId)}`,
    );
  }
  return regionId;
}

/**
 * The origin calls go to: the `endpoint` option when given, otherwise the product's
 * host for the region (a mapped exception, else the regional pattern), over HTTPS.
 */
export function resolveEndpoint(
  service: Pick<ServiceMeta, "product" | "endpoint">,
  regionId: string,
  endpoint?: string,
): URL {
  if (endpoint !== undefined) {
    let url: URL;
    try {
      url = new URL(endpoint);
    } catch {
      throw new ConfigurationError(
        `endpoint must be a full URL such as "https://host:port", got ${JSON.stringify(endpoint)}`,
      );
    }
    if (
      (url.protocol !== "https:" && url.protocol !== "http:") ||
      url.pathname !== "/" ||
      url.search ||
      url.hash
    ) {
      throw new ConfigurationError(
        `endpoint must be an http(s) origin without a path or query, got ${JSON.stringify(endpoint)}`,
      );
    }
    return url;
  }
  checkRegionId(regionId);
  const { map, regional } = service.endpoint;
  // own keys only: a region named "constructor" is a region, not Object.prototype's
  const host =
    map && Object.hasOwn(map, regionId) ? map[regionId] : regional.replace("{regionId}", regionId);
  return new URL(`https://${host}/`);
}
