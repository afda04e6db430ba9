// The item-by-item view of a listing: flattens `paginatePages`, one page held at a time.
import { AbortError } from "../base/errors.js";
import { paginatePages } from "./pages.js";
import type {
  PageableAction,
  PageableClient,
  PageInput,
  PageItem,
  PaginateOptions,
} from "./types.js";

/**
 * Iterates every item of a pageable action across all its pages, requesting the next
 * page only when the current one is used up. Only actions that page are accepted, and
 * items are typed as the action's list element (a `ContainerGroup` for
 * `DescribeContainerGroups`, a `Vpc` for `DescribeVpcs`).
 *
 * Paging rules, page size and limits are those of {@link paginatePages}; `signal` also
 * stops between two items of a page.
 *
 * @example
 * ```ts
 * for await (const group of paginate(eci, "DescribeContainerGroups", { RegionId: "cn-hangzhou" })) {
 *   console.log(group.ContainerGroupId, group.Status);
 * }
 * ```
 */
export async function* paginate<
  Client extends PageableClient,
  Action extends PageableAction<Client>,
>(
  client: Client,
  action: Action,
  input: PageInput<Client, Action>,
  options: PaginateOptions = {},
): AsyncGenerator<PageItem<Client, Action>, void, undefined> {
  const signal = options.signal;
  for await (const page of paginatePages(client, action, input, options)) {
    for (const item of page.items) {
      if (signal?.aborted) throw new AbortError(signal.reason);
      yield item;
    }
  }
}
