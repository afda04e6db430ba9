// ECI image caches: Preparing → Creating (Progress 0%…100%, one pull per image) → Ready,
// retention, and the matching that container groups use (ImageSnapshotId or
// AutoMatchImageCache). The user guide's 20 images and 20–500 GiB are not API rules, so
// the fake, like the client, leaves them to the API.
import type { operations } from "../../../generated/eci.js";
import { incorrectStatus, notFound } from "../errors.js";
import { needsInternet, parseImage, pullDenied, pullTimeout } from "../images.js";
import type { ImageCacheRecord } from "../state.js";
import { type ActionContext, type ActionTable, listOf, mergeTags } from "./context.js";
import { addEvent } from "./eci-lifecycle.js";
import { renderCache } from "./eci-render.js";
import { tagged, where } from "./filter.js";
import { hasInternet, unboundEip } from "./links.js";
import { pageByToken } from "./paging.js";

const canonical = (image: string) => parseImage(image).canonical;

/** How many of `images` the cache holds. */
export function matchCount(cache: ImageCacheRecord, images: string[]): number {
  const held = new Set(cache.Images.map(canonical));
  return images.filter((image) => held.has(canonical(image))).length;
}

/** AutoMatchImageCache: the Ready cache holding most of the images (newest on a tie). */
export function bestCache(context: ActionContext, images: string[]): ImageCacheRecord | undefined {
  let best: ImageCacheRecord | undefined;
  let bestCount = 0;
  for (const cache of context.world.eci.caches.inRegion(context)) {
    if (cache.Status !== "Ready") continue;
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
    context.world.eci.caches.get(cache.ImageCacheId) === cache && cache.generation === generation;
  const d = context.durations;
  cache.Status = updating ? "Updating" : "Preparing";
  const prepared = context.now + (updating ? 0 : d.imageCachePrepare);
  cache.buildFrom = prepared;
  cache.buildUntil = prepared + d.imageCache;
  if (!updating)
    addEvent(
      cache.events,
      context.now,
      "Normal",
      "Scheduled",
      `Scheduled image cache builder ${cache.ContainerGroupId}`,
      "EciService",
    );
  context.clock.schedule(prepared, (at) => {
    if (!alive()) return;
    if (!updating) cache.Status = "Creating";
    const slice = d.imageCache / Math.max(1, cache.Images.length);
    let pulled = 0;
    const ready = (readyAt: number) => {
      if (!alive() || (cache.Status !== "Creating" && cache.Status !== "Updating")) return;
      cache.Status = "Ready";
      cache.SnapshotId = cache.SnapshotId || context.ids.id("s", cache.RegionId);
      addEvent(
        cache.events,
        readyAt,
        "Normal",
        "ImageCacheCreated",
        `Successfully created image cache ${cache.ImageCacheId}`,
        "EciService",
      );
    };
    cache.Images.forEach((image, i) => {
      context.clock.schedule(at + i * slice, (pullAt) => {
        if (!alive() || (cache.Status !== "Creating" && cache.Status !== "Updating")) return;
        addEvent(cache.events, pullAt, "Normal", "Pulling", `Pulling image "${image}"`);
        // the builder reaches the internet through the given EIP, or the VSwitch's SNAT (topic 1)
        const online =
          !needsInternet(image) ||
          cache.eipInstanceId !== undefined ||
          hasInternet(context.world, { VSwitchId: cache.vSwitchId ?? "" });
        const denied = pullDenied(context.images, image, cache.registryServers ?? []);
        context.clock.schedule(pullAt + slice, (doneAt) => {
          if (!alive() || (cache.Status !== "Creating" && cache.Status !== "Updating")) return;
          if (!online || denied) {
            addEvent(cache.events, doneAt, "Warning", "Failed", denied ?? pullTimeout(image));
            addEvent(
              cache.events,
              doneAt,
              "Warning",
              "ImageCacheFailed",
              denied
                ? `Failed to create image cache ${cache.ImageCacheId}: the images could not be pulled; check the image name and the ImageRegistryCredential of its registry.`
                : `Failed to create image cache ${cache.ImageCacheId}: the images could not be pulled; check internet access (EIP or NAT gateway with SNAT).`,
              "EciService",
            );
            cache.Status = updating ? "UpdateFailed" : "Failed";
            return;
          }
          addEvent(
            cache.events,
            doneAt,
            "Normal",
            "Pulled",
            `Successfully pulled image "${image}"`,
          );
          // Ready once every image is in, never before the last pull is judged
          if (++pulled === cache.Images.length) ready(doneAt);
        });
      });
    });
    if (cache.Images.length === 0) context.clock.schedule(cache.buildUntil, ready);
  });
}

/** Handlers of the image cache actions. */
export const eciCacheActions: Pick<
  ActionTable<operations>,
  "CreateImageCache" | "DescribeImageCaches" | "DeleteImageCache" | "UpdateImageCache"
> = {
  CreateImageCache(context, input) {
    const vSwitchIds = listOf(input.VSwitchId);
    const vSwitch = vSwitchIds[0]
      ? context.world.vpc.vSwitches.find(context, vSwitchIds[0])
      : undefined;
    if (input.SecurityGroupId && !context.world.ecs.securityGroups.has(input.SecurityGroupId)) {
      throw notFound(
        "InvalidSecurityGroupId.NotFound",
        `The specified security group ${input.SecurityGroupId} does not exist.`,
      );
    }
    if (input.EipInstanceId) unboundEip(context, input.EipInstanceId);
    const cache = context.world.eci.caches.create(context, () => ({
      ImageCacheName: input.ImageCacheName,
      Images: [...input.Image],
      Status: "Preparing",
      createdAt: context.now,
      buildFrom: context.now,
      buildUntil: context.now,
      events: [],
      SnapshotId: "",
      ContainerGroupId: context.ids.id("eci", context.regionId),
      ImageCacheSize: input.ImageCacheSize ?? 20,
      ...(input.RetentionDays !== undefined ? { retentionDays: input.RetentionDays } : {}),
      EliminationStrategy: input.EliminationStrategy ?? "",
      tags: mergeTags([], input.Tag),
      ResourceGroupId: input.ResourceGroupId ?? context.world.resourceGroupId,
      ...(vSwitch ? { vSwitchId: vSwitch.VSwitchId } : {}),
      ...(input.EipInstanceId ? { eipInstanceId: input.EipInstanceId } : {}),
      registryServers: (input.ImageRegistryCredential ?? []).map((c) => c.Server ?? ""),
      generation: 0,
    }));
    build(context, cache, false);
    if (cache.retentionDays !== undefined) {
      context.clock.schedule(cache.createdAt + cache.retentionDays * 86_400_000, () => {
        if (context.world.eci.caches.get(cache.ImageCacheId) === cache)
          context.world.eci.caches.delete(cache.ImageCacheId);
      });
    }
    return { ImageCacheId: cache.ImageCacheId, ContainerGroupId: cache.ContainerGroupId };
  },

  DescribeImageCaches(context, input) {
    const wanted = input.MatchImage ?? (input.Image ? [input.Image] : []);
    const minimum = input.ImageMatchCountRequest ?? 1;
    const holds = (cache: ImageCacheRecord) =>
      wanted.length === 0 ||
      (input.ImageFullMatch
        ? matchCount(cache, wanted) === wanted.length && cache.Images.length === wanted.length
        : matchCount(cache, wanted) >= minimum);
    const list = context.world.eci.caches
      .inRegion(context)
      .filter(
        where(input, ["ImageCacheName", "SnapshotId", "ResourceGroupId"], {
          ImageCacheId: (cache, ids) => listOf(ids).includes(cache.ImageCacheId),
          Tag: tagged,
        }),
      )
      .filter(holds)
      .sort(
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
    const cache = context.world.eci.caches.find(context, input.ImageCacheId);
    context.world.eci.caches.delete(cache.ImageCacheId);
    return {};
  },

  UpdateImageCache(context, input) {
    const cache = context.world.eci.caches.find(context, input.ImageCacheId);
    if (cache.Status !== "Ready" && cache.Status !== "UpdateFailed" && cache.Status !== "Failed") {
      throw incorrectStatus(
        `The image cache ${cache.ImageCacheId} is ${cache.Status}; it can be updated once it is Ready.`,
      );
    }
    if (input.ImageCacheName !== undefined) cache.ImageCacheName = input.ImageCacheName;
    if (input.ImageCacheSize !== undefined) cache.ImageCacheSize = input.ImageCacheSize;
    if (input.RetentionDays !== undefined) cache.retentionDays = input.RetentionDays;
    if (input.EliminationStrategy !== undefined)
      cache.EliminationStrategy = input.EliminationStrategy;
    cache.tags = mergeTags(cache.tags, input.Tag);
    if (input.Image) {
      cache.Images = [...input.Image];
      addEvent(
        cache.events,
        context.now,
        "Normal",
        "ImageCacheUpdating",
        `Updating image cache ${cache.ImageCacheId}`,
        "EciService",
      );
      build(context, cache, true);
    }
    return {};
  },
};
