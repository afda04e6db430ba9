import type { Shape } from "./shape.js";

/** How an action pages, from the spec's `x-pop-pagination`. */
export interface PageMeta {
  /** `token`: NextToken in, NextToken out. `page`: PageNumber in, TotalCount out. */
  readonly style: "token" | "page";
  /** request parameter holding the page size (Limit, MaxResults, PageSize) */
  readonly size: string;
  /** the largest page size the API allows */
  readonly max?: number;
  /** dotted path of the item list in the response (`ContainerGroups`, `Vpcs.Vpc`) */
  readonly items: string;
  /** response field holding the total number of items */
  readonly total?: string;
}

export interface ActionMeta {
  /** the request body's shape */
  readonly in: Shape;
  /** name of the idempotency parameter (ClientToken) */
  readonly ct?: string;
  /** true for Describe/List/Get actions: they change nothing, so any failure may be retried */
  readonly ro?: true;
  readonly page?: PageMeta;
}

/** Everything the runtime knows about one product, generated from its spec. */
export interface ServiceMeta {
  /** lower-case product key: eci, vpc, ecs, slb */
  readonly product: string;
  /** POP API version, e.g. 2018-08-08 */
  readonly version: string;
  readonly endpoint: {
    /** host pattern with `{regionId}` */
    readonly regional: string;
    /** regions served by another host */
    readonly map?: { readonly [regionId: string]: string };
  };
  readonly actions: { readonly [action: string]: ActionMeta };
}
