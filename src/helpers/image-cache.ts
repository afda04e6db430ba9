// Topic 2 of the user guide: build an image cache once, then start container groups
// without pulling images.
import type { EciClient } from "../../generated/eci.client.js";
import type {
  CreateContainerGroupInput,
  CreateContainerGroupOutput,
  CreateImageCacheInput,
} from "../../generated/eci.types.js";
import { ValidationError, type ValidationIssue } from "../base/errors.js";
import type { CallOptions } from "../core/client.js";
import { paginate } from "../paginate/items.js";
import { type ImageCache, waitForImageCacheReady } from "../waiters/image-cache.js";
import type { EventWaiterOptions } from "../waiters/types.js";
import { type CachePreflight, preflightImageCache } from "./image-cache-preflight.js";

type CreateGroupInput = CreateContainerGroupInput;

/** Options of `createImageCacheAndWait`: the waiter's, and an optional internet check first. */
export interface CreateImageCacheOptions extends EventWaiterOptions {
  /**
   * Before building a cache of public images in a vSwitch (and without an EIP), checks
   * that the vSwitch reaches the internet (`checkInternetAccess`). Advice only unless
   * `strict`: the cache is still created, `onWarning` (default `console.warn`) hears why
   * it will probably fail.
   */
  preflight?: CachePreflight;
}

/**
 * Creates an image cache and waits until it is Ready, reporting progress, and returns it.
 * The input is checked against the API's rules first. The user guide's sizing (at most
 * 20 images, 20–500 GiB) is advice the API does not state, so it is not enforced here.
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
  eci: Pick<EciClient, "createImageCache" | "describeImageCaches" | "regionId">,
  input: CreateImageCacheInput,
  options: CreateImageCacheOptions = {},
): Promise<ImageCache> {
  const { preflight, ...waitOptions } = options;
  if (preflight) await preflightImageCache(input, preflight, { signal: options.signal });
  const { ImageCacheId } = await eci.createImageCache(input, { signal: options.signal });
  if (!ImageCacheId) throw new Error("CreateImageCache returned no ImageCacheId");
  const RegionId = input.RegionId ?? eci.regionId; // the client's region when the input names none
  return waitForImageCacheReady(eci, { RegionId, ImageCacheId }, waitOptions);
}

/**
 * The best Ready image cache that holds every one of `images`: the one with the fewest
 * other images, then the newest. Undefined when none covers them all. `nginx` matches
 * `nginx:latest` and `docker.io/library/nginx:latest`.
 *
 * @example
 * ```ts
 * const cache = await findImageCache(eci, { images: ["nginx:1.25"] });
 * ```
 */
export async function findImageCache(
  eci: EciClient,
  query: { RegionId?: string; images: readonly string[] },
  call?: CallOptions,
): Promise<ImageCache | undefined> {
  const wanted = query.images.map(normalizeImage);
  let best: ImageCache | undefined;
  for await (const cache of paginate(
    eci,
    "DescribeImageCaches",
    { RegionId: query.RegionId ?? eci.regionId },
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
): Promise<CreateContainerGroupOutput> {
  return eci.createContainerGroup(withImageCache(input, cache), call);
}
