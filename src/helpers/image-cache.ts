// Topic 2 of the user guide: build an image cache once, then start container groups
// without pulling images.
import type { EciClient, EciOperations } from "../../generated/eci.client.js";
import { ValidationError, type ValidationIssue } from "../base/errors.js";
import type { CallOptions } from "../core/client.js";
import type { Input, Output } from "../core/types.js";
import { paginate } from "../paginate/items.js";
import { type ImageCache, waitForImageCacheReady } from "../waiters/image-cache.js";
import type { WaiterOptions } from "../waiters/types.js";

type CreateGroupInput = Input<EciOperations, "CreateContainerGroup">;

/**
 * Creates an image cache and waits until it is Ready, reporting progress, and returns it.
 * The input is checked first (at most 20 images, 20–500 GiB, retention 1–65536 days).
 *
 * @example
 * ```ts
 * const cache = await createImageCacheAndWait(
 *   eci,
 *   { RegionId: "cn-hangzhou", ImageCacheName: "nginx", Image: ["nginx:1.25"], ImageCacheSize: 20 },
 *   { onProgress: (p) => console.log(p.status, p.detail) },
 * );
 * ```
 */
export async function createImageCacheAndWait(
  eci: Pick<EciClient, "createImageCache" | "describeImageCaches">,
  input: Input<EciOperations, "CreateImageCache">,
  options: WaiterOptions = {},
): Promise<ImageCache> {
  const { ImageCacheId } = await eci.createImageCache(input, { signal: options.signal });
  if (!ImageCacheId) throw new Error("CreateImageCache returned no ImageCacheId");
  return waitForImageCacheReady(eci, { RegionId: input.RegionId, ImageCacheId }, options);
}

/**
 * The best Ready image cache that holds every one of `images`: the one with the fewest
 * other images, then the newest. Undefined when none covers them all. `nginx` matches
 * `nginx:latest` and `docker.io/library/nginx:latest`.
 *
 * @example
 * ```ts
 * const cache = await findImageCache(eci, { RegionId: "cn-hangzhou", images: ["nginx:1.25"] });
 * ```
 */
export async function findImageCache(
  eci: EciClient,
  query: { RegionId: string; images: readonly string[] },
  call?: CallOptions,
): Promise<ImageCache | undefined> {
  const wanted = query.images.map(normalizeImage);
  let best: ImageCache | undefined;
  for await (const cache of paginate(
    eci,
    "DescribeImageCaches",
    { RegionId: query.RegionId },
    call,
  )) {
    if (cache.Status !== "Ready") continue;
    const held = new Set((cache.Images ?? []).map(normalizeImage));
    if (!wanted.every((image) => held.has(image))) continue;
    if (!best || isBetter(cache, best)) best = cache;
  }
  return best;
}

function isBetter(a: ImageCache, b: ImageCache): boolean {
  const extraA = a.Images?.length ?? 0;
  const extraB = b.Images?.length ?? 0;
  if (extraA !== extraB) return extraA < extraB;
  return (a.CreationTime ?? "") > (b.CreationTime ?? "");
}

/** `nginx` → `docker.io/library/nginx:latest`; a digest or tag is kept. */
export function normalizeImage(image: string): string {
  let name = image.trim();
  const slash = name.indexOf("/");
  const first = slash === -1 ? "" : name.slice(0, slash);
  if (slash === -1) name = `docker.io/library/${name}`;
  else if (!first.includes(".") && !first.includes(":") && first !== "localhost")
    name = `docker.io/${name}`;
  const last = name.slice(name.lastIndexOf("/") + 1);
  if (!last.includes(":") && !last.includes("@")) name += ":latest";
  return name;
}

/** Which cache a container group should use: a named one, or the best match ECI picks. */
export type ImageCacheChoice =
  | {
      /** the cache to use (`imc-…`), sent as ImageSnapshotId */
      imageCacheId: string;
    }
  | "auto";

/**
 * The input of a container group that starts from an image cache: `ImageSnapshotId`
 * (or `AutoMatchImageCache`), and `ImagePullPolicy: IfNotPresent` on every container
 * that left it unset. An explicit `Always` is refused: it would pull anyway and lose
 * the cache's benefit.
 *
 * @example
 * ```ts
 * await eci.createContainerGroup(withImageCache(input, { imageCacheId: cache.ImageCacheId! }));
 * ```
 */
export function withImageCache(input: CreateGroupInput, cache: ImageCacheChoice): CreateGroupInput {
  const issues: ValidationIssue[] = [];
  const policy = <C extends { ImagePullPolicy?: string }>(list: C[] | undefined, field: string) =>
    list?.map((container, i) => {
      if (container.ImagePullPolicy === "Always") {
        issues.push({
          path: `${field}[${i}].ImagePullPolicy`,
          rule: "must not be Always with an image cache (every start would pull the image again); use IfNotPresent",
        });
      }
      return container.ImagePullPolicy
        ? container
        : { ...container, ImagePullPolicy: "IfNotPresent" as const };
    });
  const result: CreateGroupInput = {
    ...input,
    Container: policy(input.Container, "Container"),
    InitContainer: policy(input.InitContainer, "InitContainer"),
    ...(cache === "auto" ? { AutoMatchImageCache: true } : { ImageSnapshotId: cache.imageCacheId }),
  };
  if (issues.length) throw new ValidationError("CreateContainerGroup", issues);
  if (result.InitContainer === undefined) delete result.InitContainer;
  if (result.Container === undefined) delete result.Container;
  return result;
}

/**
 * Creates a container group that starts from an image cache (see {@link withImageCache}).
 *
 * @example
 * ```ts
 * const { ContainerGroupId } = await createContainerGroupWithCache(eci, input, "auto");
 * ```
 */
export function createContainerGroupWithCache(
  eci: Pick<EciClient, "createContainerGroup">,
  input: CreateGroupInput,
  cache: ImageCacheChoice,
  call?: CallOptions,
): Promise<Output<EciOperations, "CreateContainerGroup">> {
  return eci.createContainerGroup(withImageCache(input, cache), call);
}
