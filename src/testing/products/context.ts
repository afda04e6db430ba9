// What every product model gets for one call, and the small helpers they share:
// timestamps, tags, csv lists.
import type { Input, Output } from "../../core/types.js";
import type { FakeClock, FakeDurations } from "../clock.js";
import { invalidParameter } from "../errors.js";
import type { IdFactory } from "../ids.js";
import type { ImageCatalogue } from "../images.js";
import type { RegionTable } from "../regions.js";
import type { TagRecord, World } from "../state.js";
import type { Stock } from "../stock.js";
import type { KeyRing, Principal } from "../verify.js";

/** Everything an action handler may use. */
export interface ActionContext {
  world: World;
  /** the region of the call (RegionId, else the endpoint's region) */
  regionId: string;
  /** fake time of the call, ms */
  now: number;
  ids: IdFactory;
  clock: FakeClock;
  durations: FakeDurations;
  images: ImageCatalogue;
  regions: RegionTable;
  /** zones and instance types sold out, scheduling failures (`fake.stock`) */
  stock: Stock;
  /** the keys the gateway accepts (STS adds the temporary ones it issues) */
  keys: KeyRing;
  /** who signed the call; absent for an anonymous one (AssumeRoleWithOIDC) */
  caller?: Principal;
}

/** What a call's context is made from: the gateway's parts (time is read at the call). */
export type ContextSource = Omit<ActionContext, "regionId" | "now" | "caller">;

/** The context of one call in `regionId`: the gateway and `fake.state` both build it here. */
export function actionContext(source: ContextSource, regionId: string): ActionContext {
  const { world, ids, clock, durations, images, regions, stock, keys } = source;
  return {
    world,
    regionId,
    now: clock.now(),
    ids,
    clock,
    durations,
    images,
    regions,
    stock,
    keys,
  };
}

/** One handler per action: nested input in, the 200 body without RequestId out. */
export type ActionTable<Ops> = {
  [A in keyof Ops & string]: (
    context: ActionContext,
    input: Input<Ops, A>,
  ) => Omit<Output<Ops, A>, "RequestId">;
};

/** `2024-01-02T03:04:05Z`: the timestamp format of these APIs. */
export const isoTime = (ms: number) => `${new Date(ms).toISOString().slice(0, 19)}Z`;

/** Tags as given (dropping empty keys), merged over existing ones by key. */
export function mergeTags(
  existing: TagRecord[],
  given: { Key?: string; Value?: string }[] | undefined,
): TagRecord[] {
  const out = existing.map((t) => ({ ...t }));
  for (const tag of given ?? []) {
    if (!tag?.Key) continue;
    const found = out.find((t) => t.Key === tag.Key);
    if (found) found.Value = tag.Value ?? "";
    else out.push({ Key: tag.Key, Value: tag.Value ?? "" });
  }
  if (out.length > 20) throw invalidParameter("Tag", "a resource has at most 20 tags");
  return out;
}

/** true when the resource carries every wanted tag (a wanted tag without Value matches any value). */
export function hasTags(
  tags: TagRecord[],
  wanted: { Key?: string; Value?: string }[] | undefined,
): boolean {
  return (wanted ?? []).every(
    (w) =>
      !w?.Key ||
      tags.some((t) => t.Key === w.Key && (w.Value === undefined || t.Value === w.Value)),
  );
}

/** A csv-style parameter (string or list) as a list. */
export function listOf(value: string | string[] | undefined): string[] {
  if (value === undefined) return [];
  return (Array.isArray(value) ? value : value.split(",")).map((v) => v.trim()).filter(Boolean);
}
