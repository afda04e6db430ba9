// What every product model gets for one call, and the small helpers they share:
// timestamps, pagination, tags.
import type { Input, Output } from "../../core/types.js";
import type { FakeClock, FakeDurations } from "../clock.js";
import { invalidParameter } from "../errors.js";
import type { IdFactory } from "../ids.js";
import type { ImageCatalogue } from "../images.js";
import type { RegionTable } from "../regions.js";
import type { TagRecord, World } from "../state.js";

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

/** PageNumber / PageSize pagination (VPC, SLB): the page and the echo fields. */
export function pageByNumber<T>(
  items: T[],
  input: { PageNumber?: number; PageSize?: number },
  defaultSize = 10,
): { page: T[]; PageNumber: number; PageSize: number; TotalCount: number } {
  const PageNumber = input.PageNumber ?? 1;
  const PageSize = input.PageSize ?? defaultSize;
  if (!Number.isInteger(PageNumber) || PageNumber < 1)
    throw invalidParameter("PageNumber", "must be a positive integer");
  if (!Number.isInteger(PageSize) || PageSize < 1)
    throw invalidParameter("PageSize", "must be a positive integer");
  const start = (PageNumber - 1) * PageSize;
  return {
    page: items.slice(start, start + PageSize),
    PageNumber,
    PageSize,
    TotalCount: items.length,
  };
}

/** NextToken pagination (ECI, ECS, SLB listeners): the page and the token of the next one ("" at the end). */
export function pageByToken<T>(
  items: T[],
  token: string | undefined,
  size: number | undefined,
  defaultSize: number,
  param = "NextToken",
): { page: T[]; nextToken: string } {
  let start = 0;
  if (token) {
    const match = /^tk([0-9a-f]+)$/.exec(token);
    if (!match) throw invalidParameter(param, "the token does not come from a previous page");
    start = Number.parseInt(match[1] as string, 16);
  }
  const limit = size ?? defaultSize;
  if (!Number.isInteger(limit) || limit < 1)
    throw invalidParameter("Limit", "must be a positive integer");
  const end = start + limit;
  return {
    page: items.slice(start, end),
    nextToken: end < items.length ? `tk${end.toString(16).padStart(8, "0")}` : "",
  };
}

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

/** Keeps the resources of the call's region. */
export function inRegion<T extends { regionId: string }>(
  context: ActionContext,
  records: Iterable<T>,
): T[] {
  return [...records].filter((record) => record.regionId === context.regionId);
}

/** A csv-style parameter (string or list) as a list. */
export function listOf(value: string | string[] | undefined): string[] {
  if (value === undefined) return [];
  return (Array.isArray(value) ? value : value.split(",")).map((v) => v.trim()).filter(Boolean);
}
