// waitForImageCacheReady: an image cache is usable once its Status is Ready.
import type { EciClient } from "../../generated/eci.client.js";
import type { ImageCache } from "../../generated/eci.types.js";
import { defined } from "../base/objects.js";
import { describeEvents, latestEvents } from "./events.js";
import { causeJudge } from "./fail-fast.js";
import { changesOnly } from "./progress.js";
import { type RegionRef, regionOf } from "./region.js";
import type { EventWaiterOptions, WaitDecision } from "./types.js";
import { waitUntil } from "./wait-until.js";

export type { ImageCache };

/** Which image cache to wait for. */
export interface ImageCacheRef extends RegionRef {
  /** `imc-…` */
  ImageCacheId: string;
}

const FAILED = new Set(["Failed", "UpdateFailed"]);

/**
 * Waits until an image cache is `Ready` and returns it. Building one pulls the images on
 * a temporary instance, which takes minutes: the default timeout is 10 minutes, polls
 * start 5 s apart and back off to 30 s. `onProgress` details carry the build's
 * `Progress` (`"45%"`); it hears each change of status or progress once, not every poll
 * (a build stays at `Preparing 0%` for several).
 *
 * An image that does not pull fails the wait with {@link ImagePullError} (naming the image
 * and why) at the second poll that shows it, or at once when the cache is `Failed`
 * (`failFast: false`: only the status decides).
 *
 * Throws {@link WaiterError} with reason `"failure"` when the cache becomes `Failed` or
 * `UpdateFailed` (its latest events, e.g. an image that could not be pulled, are on
 * `error.events`) or no longer exists, and with reason `"timeout"` when time runs out.
 *
 * @example
 * ```ts
 * const { ImageCacheId } = await eci.createImageCache({ ImageCacheName: "web", Image: ["nginx:1.25"] });
 * const cache = await waitForImageCacheReady(eci, { ImageCacheId }, {
 *   onProgress: ({ status, detail }) => console.log(status, detail),
 * });
 * ```
 */
export function waitForImageCacheReady(
  eci: Pick<EciClient, "describeImageCaches">,
  ref: ImageCacheRef,
  options: EventWaiterOptions = {},
): Promise<ImageCache> {
  const { ImageCacheId } = ref;
  const { failFast = true, ...waiterOptions } = options;
  const judge = causeJudge();
  return waitUntil({
    timeoutMs: 10 * 60_000,
    minDelayMs: 5_000,
    maxDelayMs: 30_000,
    ...defined(waiterOptions),
    // a build sits at the same status and percentage for many polls: say each change once
    onProgress: options.onProgress && changesOnly(options.onProgress),
    name: "waitForImageCacheReady",
    client: eci,
    subject: ImageCacheId,
    poll: (call) => eci.describeImageCaches({ ...regionOf(ref), ImageCacheId }, call),
    check: (answer): WaitDecision<ImageCache> => {
      const cache = answer.ImageCaches?.find((c) => c.ImageCacheId === ImageCacheId);
      if (!cache) return { state: "failure", detail: "not found: deleted, or never created" };
      const status = cache.Status;
      if (status === "Ready")
        return { state: "success", value: cache, status, detail: cache.Progress };
      const events = latestEvents(cache.Events);
      const terminal = status !== undefined && FAILED.has(status);
      const cause = failFast ? judge(events, terminal, {}) : undefined;
      if (cause?.verdict === "fail")
        return {
          state: "failure",
          status,
          resource: cache,
          events,
          detail: cause.detail,
          raise: cause.raise,
        };
      if (terminal) {
        return {
          state: "failure",
          status,
          resource: cache,
          events,
          detail: describeEvents(events),
        };
      }
      const detail = cause?.detail ?? cache.Progress;
      return { state: "pending", status, resource: cache, events, ...(detail ? { detail } : {}) };
    },
  });
}
