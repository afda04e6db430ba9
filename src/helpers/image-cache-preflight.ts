// Before an image cache of public images is built in a vSwitch: will its builder reach the
// internet? Advice by default (the API is the judge and accepts the cache either way), a
// clear early error only when asked for (`strict`).
import type { CreateImageCacheInput } from "../../generated/eci.types.js";
import type { CallOptions } from "../core/client.js";
import { registryOf } from "../waiters/diagnose.js";
import { checkInternetAccess, type InternetAccess } from "./internet-check.js";

/** How `createImageCacheAndWait` checks the way out before building. */
export interface CachePreflight {
  /** a VPC client of the cache's region, to read the vSwitch, NAT gateways, SNAT entries, EIPs */
  vpc: Parameters<typeof checkInternetAccess>[0];
  /** true: throw {@link InternetAccessError} instead of building a cache that cannot pull (default false) */
  strict?: boolean;
  /** hears the advice when the vSwitch has no way out (default `console.warn`) */
  onWarning?: (message: string, access: InternetAccess) => void;
}

/** The vSwitch of an image cache of public images has no way out (`preflight.strict` only). */
export class InternetAccessError extends Error {
  /** always `InternetAccessError` */
  override name = "InternetAccessError";
  /** the public images that could not be pulled */
  readonly images: readonly string[];
  /** what checkInternetAccess found */
  readonly access: InternetAccess;

  constructor(message: string, images: string[], access: InternetAccess) {
    super(message);
    this.images = images;
    this.access = access;
  }
}

const ALIBABA = /\.aliyuncs\.com(\.cn)?$/;

/** Checks the way out when the cache holds public images, is in a vSwitch and brings no EIP. */
export async function preflightImageCache(
  input: CreateImageCacheInput,
  preflight: CachePreflight,
  call: CallOptions,
): Promise<void> {
  const publicImages = input.Image.filter((image) => !ALIBABA.test(registryOf(image)));
  const vSwitchId = String(input.VSwitchId ?? "").split(",")[0];
  if (publicImages.length === 0 || !vSwitchId || input.EipInstanceId) return;
  const access = await checkInternetAccess(preflight.vpc, {
    vSwitchId,
    ...(input.RegionId ? { regionId: input.RegionId } : {}),
    call,
  });
  if (access.ok) return;
  const message = `image cache ${input.ImageCacheName}: ${publicImages.join(", ")} will not pull: ${access.advice}; or give the cache an EipInstanceId`;
  if (preflight.strict) throw new InternetAccessError(message, publicImages, access);
  (preflight.onWarning ?? ((text: string) => console.warn(text)))(message, access);
}
