// waitForImageCacheReady: an image cache is usable once its Status is Ready.
import type { EciClient, EciPages } from "../../generated/eci.client.js";
import { defined } from "../base/objects.js";
import { describeEvents, latestEvents } from "./events.js";
import type { WaitDecision, WaiterOptions } from "./types.js";
import { waitUntil } from "./wait-until.js";

/** An image cache as DescribeImageCaches lists it. */
export type ImageCache = EciPages["DescribeImageCaches"];

/** Which image cache to wait for. */
export interface ImageCacheRef {
  /** region of the image cache, e.g. `cn-hangzhou` */
  RegionId: string;
  /** `imc-…` */
  ImageCacheId: string;
}

const FAILED = new Set(["Failed", "UpdateFailed"]);

/**
 * Waits until an image cache is `Ready` and returns it. Building one pulls the images on
 * a temporary instance, which takes minutes: the default timeout is 10 minutes, polls
 * start 5 s apart and back off to 30 s. `onProgress` details carry the build's
 * `Progress` (`"45%"`).
 *
 * Throws {@link WaiterError} with reason `"failure"` when the cache becomes `Failed` or
 * `UpdateFailed` (its latest events, e.g. an image that could not be pulled, are on
 * `error.events`) or no longer exists, and with reason `"timeout"` when time runs out.
 *
 * @example
 * ```ts
 * const { ImageCacheId } = await eci.createImageCache({ RegionId, ImageCacheName: "web", Image: ["nginx:1.25"] });
 * const cache = await waitForImageCacheReady(eci, { RegionId, ImageCacheId }, {
 *   onProgress: ({ status, detail }) => console.log(status, detail),
 * });
 * ```
 */
export function waitForImageCacheReady(
  eci: Pick<EciClient, "describeImageCaches">,
  ref: ImageCacheRef,
  options: WaiterOptions = {},
): Promise<ImageCache> {
  const { RegionId, ImageCacheId } = ref;
  return waitUntil({
    timeoutMs: 10 * 60_000,
    minDelayMs: 5_000,
    maxDelayMs: 30_000,
    ...defined(options),
    name: "waitForImageCacheReady",
    subject: ImageCacheId,
    poll: (call) => eci.describeImageCaches({ RegionId, ImageCacheId }, call),
    check: (answer): WaitDecision<ImageCache> => {
      const cache = answer.ImageCaches?.find((c) => c.ImageCacheId === ImageCacheId);
      if (!cache) return { state: "failure", detail: "not found: deleted, or never created" };
      const status = cache.Status;
      if (status === "Ready")
        return { state: "success", value: cache, status, detail: cache.Progress };
      const events = latestEvents(cache.Events);
      if (status !== undefined && FAILED.has(status)) {
        return {
          state: "failure",
          status,
          resource: cache,
          events,
          detail: describeEvents(events),
        };
      }
      return { state: "pending", status, resource: cache, events, detail: cache.Progress };
    },
  });
}
