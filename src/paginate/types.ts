// Types that tie `paginate` to a client's generated `<P>Pages` map, so only actions
// that really page are accepted and items come out typed.
import type { CallOptions, PAGES } from "../core/client.js";

/** What `paginate` needs of a client: the generic `call` (plus the facts behind `serviceOf`). */
export interface PageableClient {
  /** Calls an action by name, as every client does: `client.call("DescribeVpcs", { … })`. */
  call(action: string, input: object, options?: CallOptions): Promise<unknown>;
}

/** The pageable actions of a client and the type of one item of each (`EciPages` for an `EciClient`). */
export type PagesOf<Client> = Client extends {
  /** the client's type-only map of pageable actions */
  readonly [PAGES]?: infer Pages;
}
  ? NonNullable<Pages>
  : never;

/** Names of the actions of `Client` that page, e.g. `"DescribeContainerGroups"`. */
export type PageableAction<Client> = keyof PagesOf<Client> & string;

/** The client method of an action: `describeContainerGroups` for `DescribeContainerGroups`. */
type MethodOf<Client, Action extends string> = Client[Uncapitalize<Action> & keyof Client];

/** The input of a pageable action, as its client method takes it (an object, even where it may be left out). */
export type PageInput<Client, Action extends string> =
  MethodOf<Client, Action> extends (input: infer In, options?: CallOptions) => Promise<unknown>
    ? Exclude<In, undefined>
    : never;

/** The full answer of one page of an action. */
export type PageResponse<Client, Action extends string> =
  MethodOf<Client, Action> extends (input: never, options?: CallOptions) => Promise<infer Out>
    ? Out
    : never;

/** One item of an action's list: a `ContainerGroup` for `DescribeContainerGroups`, a `Vpc` for `DescribeVpcs`. */
export type PageItem<Client, Action extends PageableAction<Client>> = PagesOf<Client>[Action];

/** Options of `paginate` and `paginatePages`; call options (timeoutMs, retry, …) apply to every page request. */
export interface PaginateOptions extends CallOptions {
  /** stops between pages and cancels the page request in flight (rejects with AbortError) */
  signal?: AbortSignal;
  /** yield at most this many items in all (the last page is trimmed; pages keep their size) */
  maxItems?: number;
  /** request at most this many pages */
  maxPages?: number;
}

/** One page of a listing, as `paginatePages` yields it. */
export interface Page<Item, Response> {
  /** the items of this page (trimmed to `maxItems` on the last page) */
  items: Item[];
  /** how many items match in all, when the action reports it (`TotalCount`) */
  totalCount?: number;
  /**
   * The API's `PageNumber` for page-style actions; for token-style actions, the
   * position of this page in this listing, from 1.
   */
  pageNumber: number;
  /** token-style actions: the token of the next page; absent on the last page */
  nextToken?: string;
  /** the whole answer of this page (RequestId, other fields) */
  response: Response;
}
