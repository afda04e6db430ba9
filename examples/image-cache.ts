// Topic 2: an image cache. Build it once (it is Ready when Progress reaches 100%), then
// start container groups from it without pulling. `npx tsx examples/image-cache.ts`
import { createImageCacheAndWait, findImageCache, type ImageCache } from "alicloud-eci";
import { type Network, setUpNetwork } from "./internet-access.js";
import { info, step, watch } from "./lib/log.js";
import { runIfMain, type Setup } from "./lib/setup.js";

export async function buildImageCache(
  s: Setup,
  network: Network,
  images = ["nginx:1.25"],
): Promise<ImageCache> {
  step(`Image cache for ${images.join(", ")}`);
  const existing = await findImageCache(s.eci, { images });
  if (existing) {
    info(`reusing Ready image cache ${existing.ImageCacheId} (${existing.ImageCacheName})`);
    return existing;
  }
  const cache = await createImageCacheAndWait(
    s.eci,
    {
      ImageCacheName: "quickstart-nginx",
      Image: images,
      ImageCacheSize: 20, // GiB, 20-500
      RetentionDays: 1, // deleted automatically after a day
      VSwitchId: network.vSwitchId, // the build pulls through the NAT gateway
      SecurityGroupId: network.securityGroupId,
    },
    watch("image cache", s.wait),
  );
  info(
    `image cache ${cache.ImageCacheId} is ${cache.Status} (${cache.Progress}), snapshot ${cache.SnapshotId}`,
  );
  return cache;
}

/** The topic on its own: a network to build through, the cache, then both removed. */
export async function main(s: Setup): Promise<void> {
  const network = await setUpNetwork(s);
  const cache = await buildImageCache(s, network);
  await s.eci.deleteImageCache({ ImageCacheId: cache.ImageCacheId });
  info(`deleted image cache ${cache.ImageCacheId}`);
  await network.cleanup();
}

runIfMain(import.meta.url, main);
