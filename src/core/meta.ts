import type { Shape } from "../base/shape.js";

/** How an action pages, from the spec's `x-pop-pagination`. */
export interface PageMeta {
  /** `token`: NextToken in, NextToken out. `page`: PageNumber in, TotalCount out. */
  readonly style: "token" | "page";
  /** request parameter holding the page size (Limit, MaxResults, PageSize) */
  readonly size: string;
  /** true when the API types the page size as a string (ECI ListTagResources) */
  readonly sizeIsString?: true;
  /** the largest page size the API allows */
  readonly max?: number;
  /** dotted path of the item list in the response (`ContainerGroups`, `Vpcs.Vpc`) */
  readonly items: string;
  /** response field holding the total number of items */
  readonly total?: string;
}

/** The small facts about an action every client carries. */
export interface ActionInfo {
  /** name of the idempotency parameter (ClientToken) */
  readonly ct?: string;
  /** true for Describe/List/Get actions: they change nothing, so any failure may be retried */
  readonly ro?: true;
  /** true when the API takes the action unsigned, with no AccessKey (`x-pop-anonymous`: STS AssumeRoleWithOIDC) */
  readonly anon?: true;
  /** true when the action has no RegionId parameter (the client's region is not added) */
  readonly nr?: true;
  readonly page?: PageMeta;
}

/** An action with its request shape (validation rules and wire styles). */
export interface ActionMeta extends ActionInfo {
  readonly in: Shape;
}

interface ServiceBase<Action> {
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
  readonly actions: { readonly [action: string]: Action };
}

/** Everything the runtime knows about one product, request shapes included. */
export type ServiceMeta = ServiceBase<ActionMeta>;

/**
 * What a client is built from: the product's small facts, and a loader for the
 * request shapes, which only code that validates or signs needs (a proxy-mode
 * browser client never loads them).
 */
export interface ServiceInfo extends ServiceBase<ActionInfo> {
  readonly load: () => Promise<ServiceMeta>;
}

/** What a client itself reads of its product: the key and each action's facts. */
export type ServiceFacts = Pick<ServiceInfo, "product" | "actions">;

/** The full table of a product: its small table plus each action's request shape. */
export function withShapes(
  info: ServiceInfo,
  shapes: { readonly [action: string]: Shape },
): ServiceMeta {
  const actions: { [action: string]: ActionMeta } = {};
  for (const [action, facts] of Object.entries(info.actions)) {
    actions[action] = { ...facts, in: shapes[action] ?? { t: "o" } };
  }
  return { product: info.product, version: info.version, endpoint: info.endpoint, actions };
}
