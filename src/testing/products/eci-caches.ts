// ECI image caches: Preparing → Creating (Progress 0%…100%, one pull per image) → Ready,
// at most 20 images and 20–500 GiB (checked by the spec's ranges), retention, and the
// matching that container groups use (ImageSnapshotId or AutoMatchImageCache).
import type { operations } from "../../../generated/eci.js";
import { FakeApiError, incorrectStatus, notFound } from "../errors.js";
import { needsInternet, parseImage } from "../images.js";
import type { ImageCacheRecord } from "../state.js";
import {
  type ActionContext,
  type ActionTable,
  hasTags,
  inRegion,
  listOf,
  mergeTags,
  pageByToken,
} from "./context.js";
import { addEvent } from "./eci-lifecycle.js";
import { renderCache } from "./eci-render.js";
import { findVSwitch, hasInternet } from "./links.js";

/** The cache of the call's region, or a not-found error naming it. */
export function findCache(context: ActionContext, id: string): ImageCacheRecord {
  const cache = context.world.eci.caches.get(id);
  if (!cache || cache.regionId !== context.regionId) {
    throw notFound("InvalidParameter.NotFound", `The specified image cache ${id} does not exist.`);
  }
  return cache;
}

const canonical = (image: string) => parseImage(image).canonical;

/** How many of `images` the cache holds. */
export function matchCount(cache: ImageCacheRecord, images: string[]): number {
  const held = new Set(cache.images.map(canonical));
  return images.filter((image) => held.has(canonical(image))).length;
}

/** AutoMatchImageCache: the Ready cache holding most of the images (newest on a tie). */
export function bestCache(context: ActionContext, images: string[]): ImageCacheRecord | undefined {
  let best: ImageCacheRecord | undefined;
  let bestCount = 0;
  for (const cache of inRegion(context, context.world.eci.caches.values())) {
    if (cache.status !== "Ready") continue;
    const count = matchCount(cache, images);
    if (
      count > bestCount ||
      (count === bestCount && count > 0 && best && cache.createdAt > best.createdAt)
    ) {
      best = cache;
      bestCount = count;
    }
  }
  return best;
}

/** Builds (or rebuilds, on update) a cache: Preparing, then one pull per image, then Ready. */
function build(context: ActionContext, cache: ImageCacheRecord, updating: boolean): void {
  const generation = ++cache.generation;
  const alive = () =>
    context.world.eci.caches.get(cache.id) === cache && cache.generation === generation;
  const d = context.durations;
  cache.status = updating ? "Updating" : "Preparing";
  const prepared = context.now + (updating ? 0 : d.imageCachePrepare);
  cache.buildFrom = prepared;
  cache.buildUntil = prepared + d.imageCache;
  if (!updating)
    addEvent(
      cache.events,
      context.now,
      "Normal",
      "Scheduled",
      `Scheduled image cache builder ${cache.containerGroupId}`,
      "EciService",
    );
  context.clock.schedule(prepared, (at) => {
    if (!alive()) return;
    if (!updating) cache.status = "Creating";
    const slice = d.imageCache / Math.max(1, cache.images.length);
    cache.images.forEach((image, i) => {
      context.clock.schedule(at + i * slice, (pullAt) => {
        if (!alive() || (cache.status !== "Creating" && cache.status !== "Updating")) return;
        addEvent(cache.events, pullAt, "Normal", "Pulling", `Pulling image "${image}"`);
        // the builder reaches the internet through the given EIP, or the VSwitch's SNAT (topic 1)
        const online =
          !needsInternet(image) ||
          cache.eipInstanceId !== undefined ||
          hasInternet(context.world, { vSwitchId: cache.vSwitchId ?? "" });
        context.clock.schedule(pullAt + slice, (doneAt) => {
          if (!alive() || (cache.status !== "Creating" && cache.status !== "Updating")) return;
          if (!online) {
            addEvent(
              cache.events,
              doneAt,
              "Warning",
              "Failed",
              `Failed to pull image "${image}": dial tcp: lookup registry-1.docker.io: i/o timeout`,
            );
            addEvent(
              cache.events,
              doneAt,
              "Warning",
              "ImageCacheFailed",
              `Failed to create image cache ${cache.id}: the images could not be pulled; check internet access (EIP or NAT gateway with SNAT).`,
              "EciService",
            );
            cache.status = updating ? "UpdateFailed" : "Failed";
            return;
          }
          addEvent(
            cache.events,
            doneAt,
            "Normal",
            "Pulled",
            `Successfully pulled image "${image}"`,
          );
        });
      });
    });
    context.clock.schedule(cache.buildUntil, (readyAt) => {
      if (!alive() || (cache.status !== "Creating" && cache.status !== "Updating")) return;
      cache.status = "Ready";
      cache.snapshotId = cache.snapshotId || context.ids.id("s", cache.regionId);
      addEvent(
        cache.events,
        readyAt,
        "Normal",
        "ImageCacheCreated",
        `Successfully created image cache ${cache.id}`,
        "EciService",
      );
    });
  });
}

/** Handlers of the image cache actions. */
export const eciCacheActions: Pick<
  ActionTable<operations>,
  "CreateImageCache" | "DescribeImageCaches" | "DeleteImageCache" | "UpdateImageCache"
> = {
  CreateImageCache(context, input) {
    const vSwitchIds = listOf(input.VSwitchId);
    const vSwitch = vSwitchIds[0] ? findVSwitch(context, vSwitchIds[0]) : undefined;
    if (input.SecurityGroupId && !context.world.ecs.securityGroups.has(input.SecurityGroupId)) {
      throw notFound(
        "InvalidSecurityGroupId.NotFound",
        `The specified security group ${input.SecurityGroupId} does not exist.`,
      );
    }
    if (input.EipInstanceId) {
      const eip = context.world.vpc.eips.get(input.EipInstanceId);
      if (!eip || eip.regionId !== context.regionId)
        throw notFound(
          "InvalidAllocationId.NotFound",
          `Specified allocation ID ${input.EipInstanceId} does not exist.`,
        );
      if (eip.status !== "Available")
        throw new FakeApiError(
          "IncorrectEipStatus",
          `The EIP ${eip.id} is ${eip.status}; one EIP binds to one instance only.`,
        );
    }
    const cache: ImageCacheRecord = {
      id: context.ids.id("imc", context.regionId),
      name: input.ImageCacheName,
      regionId: context.regionId,
      images: [...input.Image],
      status: "Preparing",
      createdAt: context.now,
      buildFrom: context.now,
      buildUntil: context.now,
      events: [],
      snapshotId: "",
      containerGroupId: context.ids.id("eci", context.regionId),
      size: input.ImageCacheSize ?? 20,
      ...(input.RetentionDays !== undefined ? { retentionDays: input.RetentionDays } : {}),
      eliminationStrategy: input.EliminationStrategy ?? "",
      tags: mergeTags([], input.Tag),
      resourceGroupId: input.ResourceGroupId ?? context.world.resourceGroupId,
      ...(vSwitch ? { vSwitchId: vSwitch.id } : {}),
      ...(input.EipInstanceId ? { eipInstanceId: input.EipInstanceId } : {}),
      generation: 0,
    };
    context.world.eci.caches.set(cache.id, cache);
    build(context, cache, false);
    if (cache.retentionDays !== undefined) {
      context.clock.schedule(cache.createdAt + cache.retentionDays * 86_400_000, () => {
        if (context.world.eci.caches.get(cache.id) === cache)
          context.world.eci.caches.delete(cache.id);
      });
    }
    return { ImageCacheId: cache.id, ContainerGroupId: cache.containerGroupId };
  },

  DescribeImageCaches(context, input) {
    const wanted = input.MatchImage ?? (input.Image ? [input.Image] : []);
    const minimum = input.ImageMatchCountRequest ?? 1;
    let list = inRegion(context, context.world.eci.caches.values()).filter(
      (cache) =>
        (input.ImageCacheId === undefined || listOf(input.ImageCacheId).includes(cache.id)) &&
        (input.ImageCacheName === undefined || cache.name === input.ImageCacheName) &&
        (input.SnapshotId === undefined || cache.snapshotId === input.SnapshotId) &&
        (input.ResourceGroupId === undefined || cache.resourceGroupId === input.ResourceGroupId) &&
        hasTags(cache.tags, input.Tag) &&
        (wanted.length === 0 ||
          (input.ImageFullMatch
            ? matchCount(cache, wanted) === wanted.length && cache.images.length === wanted.length
            : matchCount(cache, wanted) >= minimum)),
    );
    list = list.sort(
      (a, b) =>
        (wanted.length ? matchCount(b, wanted) - matchCount(a, wanted) : 0) ||
        b.createdAt - a.createdAt,
    );
    const { page, nextToken } = pageByToken(list, input.NextToken, input.Limit, 10);
    return {
      ImageCaches: page.map((cache) => renderCache(cache, context.now)),
      NextToken: nextToken,
      TotalCount: list.length,
    };
  },

  DeleteImageCache(context, input) {
    const cache = findCache(context, input.ImageCacheId);
    context.world.eci.caches.delete(cache.id);
    return {};
  },

  UpdateImageCache(context, input) {
    const cache = findCache(context, input.ImageCacheId);
    if (cache.status !== "Ready" && cache.status !== "UpdateFailed" && cache.status !== "Failed") {
      throw incorrectStatus(
        `The image cache ${cache.id} is ${cache.status}; it can be updated once it is Ready.`,
      );
    }
    if (input.ImageCacheName !== undefined) cache.name = input.ImageCacheName;
    if (input.ImageCacheSize !== undefined) cache.size = input.ImageCacheSize;
    if (input.RetentionDays !== undefined) cache.retentionDays = input.RetentionDays;
    if (input.EliminationStrategy !== undefined)
      cache.eliminationStrategy = input.EliminationStrategy;
    cache.tags = mergeTags(cache.tags, input.Tag);
    if (input.Image) {
      cache.images = [...input.Image];
      addEvent(
        cache.events,
        context.now,
        "Normal",
        "ImageCacheUpdating",
        `Updating image cache ${cache.id}`,
        "EciService",
      );
      build(context, cache, true);
    }
    return {};
  },
};
