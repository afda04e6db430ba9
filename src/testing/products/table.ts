// The resource kit's table: one kind of resource of one product, by id. Every product model
// keeps its records here, so creating, finding (with the product's own NotFound) and listing
// a region's records is written once.
import { notFound } from "../errors.js";
import type { IdFactory } from "../ids.js";

/** How a table names its records and says one is missing. */
export interface TableSpec<K extends string> {
  /** the record field holding the id, as the API names it (`AllocationId`, `VpcId`…) */
  id: K;
  /** the id prefix (`eip` → `eip-bp1…`) */
  prefix: string;
  /** the product's NotFound code */
  code: string;
  /** its message for a missing id */
  message: (id: string) => string;
}

/** What a new record is made of: all but its id and region. */
export type Fields<R, K extends keyof R> = Omit<R, K | "RegionId">;

/** The records of one resource, by id (a Map, so plain reads stay plain). */
export class Table<R extends { RegionId: string }, K extends keyof R & string> extends Map<
  string,
  R
> {
  /** records per region, kept as they come and go: a quota check must not count them all */
  private readonly perRegion = new Map<string, number>();

  constructor(readonly spec: TableSpec<K>) {
    super();
  }

  override set(id: string, record: R): this {
    const old = this.get(id);
    if (old) this.bump(old.RegionId, -1);
    this.bump(record.RegionId, 1);
    return super.set(id, record);
  }

  override delete(id: string): boolean {
    const old = this.get(id);
    if (old) this.bump(old.RegionId, -1);
    return super.delete(id);
  }

  override clear(): void {
    this.perRegion.clear();
    super.clear();
  }

  /** How many records the region holds (no scan). */
  countIn(regionId: string): number {
    return this.perRegion.get(regionId) ?? 0;
  }

  private bump(regionId: string, by: number): void {
    this.perRegion.set(regionId, (this.perRegion.get(regionId) ?? 0) + by);
  }

  /**
   * Stores a new record under a fresh id of the call's region. Give the fields as a function
   * when they draw ids or addresses too: the record's id is drawn first (same seed, same ids).
   */
  create(
    context: { ids: IdFactory; regionId: string },
    fields: Fields<R, K> | (() => Fields<R, K>),
  ): R {
    const id = context.ids.id(this.spec.prefix, context.regionId);
    const given = typeof fields === "function" ? fields() : fields;
    const record = { [this.spec.id]: id, RegionId: context.regionId, ...given } as unknown as R;
    this.set(id, record);
    return record;
  }

  /** The record of the call's region, or the product's NotFound. */
  find(context: { regionId: string }, id: string): R {
    const record = this.get(id);
    if (!record || record.RegionId !== context.regionId)
      throw notFound(this.spec.code, this.spec.message(id));
    return record;
  }

  /** The records of the call's region, oldest first. */
  inRegion(context: { regionId: string }): R[] {
    return [...this.values()].filter((record) => record.RegionId === context.regionId);
  }
}

/** The API's fields of a record type: the PascalCase ones. */
export type ApiFields<R> = { [K in keyof R as K extends Capitalize<K & string> ? K : never]: R[K] };

/**
 * A record's API fields, as the Describe actions show them. Records keep the API's names in
 * PascalCase and the fake's own bookkeeping in camelCase, so this split needs no list.
 */
export function apiFields<R extends object>(record: R): ApiFields<R> {
  return Object.fromEntries(
    Object.entries(record).filter(([key]) => key[0] !== key[0]?.toLowerCase()),
  ) as ApiFields<R>;
}
