// Walks an action's pages one request at a time: NextToken style or PageNumber style,
// as the generated page facts say. Only the current page is held.

import { AbortError } from "../base/errors.js";
import { serviceOf } from "../core/client.js";
import type { PageMeta } from "../core/meta.js";
import { PaginationError } from "./errors.js";
import { defaultPageSize, positiveInteger } from "./page-size.js";
import { itemsAt, numberAt, tokenAt } from "./read.js";
import type {
  Page,
  PageableAction,
  PageableClient,
  PageInput,
  PageItem,
  PageResponse,
  PaginateOptions,
} from "./types.js";

/**
 * Iterates the pages of a listing, one request per page, each with its items,
 * `totalCount` (when the API reports it) and the whole answer.
 *
 * Token-style actions send `NextToken` and stop when the answer has none; a token the
 * server already gave throws {@link PaginationError} instead of looping. Page-style
 * actions send `PageNumber` (from 1, or from the input's `PageNumber` to resume) and
 * stop at an empty or short page or once `TotalCount` items were seen. The page size
 * defaults to the action's maximum; set the size parameter (`Limit`, `MaxResults`,
 * `PageSize`) in `input` to choose another. The input is copied, never changed.
 *
 * @example
 * ```ts
 * for await (const page of paginatePages(eci, "DescribeContainerGroups", { RegionId: "cn-hangzhou" })) {
 *   console.log(`page ${page.pageNumber}: ${page.items.length} of ${page.totalCount}`);
 * }
 * ```
 */
export async function* paginatePages<
  Client extends PageableClient,
  Action extends PageableAction<Client>,
>(
  client: Client,
  action: Action,
  input: PageInput<Client, Action>,
  options: PaginateOptions = {},
): AsyncGenerator<Page<PageItem<Client, Action>, PageResponse<Client, Action>>, void, undefined> {
  const page = pageMetaOf(client, action);
  const {
    maxItems = Number.POSITIVE_INFINITY,
    maxPages = Number.POSITIVE_INFINITY,
    ...callOptions
  } = options;
  checkLimit("maxItems", maxItems);
  checkLimit("maxPages", maxPages);
  const signal = callOptions.signal;

  const base: Record<string, unknown> = { ...(input as Record<string, unknown>) };
  const size = defaultPageSize(page, base);
  if (size !== undefined) base[page.size] = size;
  const pageSize = positiveInteger(base[page.size]);

  let token = page.style === "token" ? tokenAt(base) : undefined;
  let pageNumber = page.style === "page" ? (positiveInteger(base.PageNumber) ?? 1) : 1;
  // items before the first requested page count towards TotalCount when resuming
  let seen = pageSize === undefined ? 0 : (pageNumber - 1) * pageSize;
  // every token seen (a few bytes per page), so a cycle of any length is caught, not just a repeat
  const tokens = new Set<string>(token === undefined ? [] : [token]);
  let yielded = 0;

  for (let pages = 0; pages < maxPages && yielded < maxItems; pages++) {
    if (signal?.aborted) throw new AbortError(signal.reason);
    const request =
      page.style === "token" ? withToken(base, token) : { ...base, PageNumber: pageNumber };
    const response = await client.call(action, request, callOptions);
    const all = itemsAt(response, page.items, action, pageNumber);
    const items = all.length > maxItems - yielded ? all.slice(0, maxItems - yielded) : all;
    const totalCount = page.total === undefined ? undefined : numberAt(response, page.total);
    const nextToken = page.style === "token" ? tokenAt(response) : undefined;
    yielded += items.length;
    yield {
      items: items as PageItem<Client, Action>[],
      ...(totalCount === undefined ? {} : { totalCount }),
      pageNumber,
      ...(nextToken === undefined ? {} : { nextToken }),
      response: response as PageResponse<Client, Action>,
    };

    if (page.style === "token") {
      if (nextToken === undefined) return;
      if (tokens.has(nextToken)) {
        throw new PaginationError(
          action,
          pageNumber,
          `the server repeated NextToken ${JSON.stringify(nextToken)}`,
        );
      }
      tokens.add(nextToken);
      token = nextToken;
    } else {
      seen += all.length;
      if (all.length === 0) return;
      if (totalCount !== undefined && seen >= totalCount) return;
      if (pageSize !== undefined && all.length < pageSize) return;
    }
    pageNumber++;
  }
}

/** The action's generated page facts; throws for actions that do not page (plain JS callers). */
function pageMetaOf(client: object, action: string): PageMeta {
  const service = serviceOf(client);
  const page = service.actions[action]?.page;
  if (!page) throw new TypeError(`${action} is not a pageable ${service.product} action`);
  return page;
}

function withToken(
  base: Record<string, unknown>,
  token: string | undefined,
): Record<string, unknown> {
  if (token !== undefined) return { ...base, NextToken: token };
  if (!("NextToken" in base)) return base;
  const { NextToken: _, ...rest } = base; // an empty NextToken in the input means "from the start"
  return rest;
}

function checkLimit(name: string, value: number) {
  if (value !== Number.POSITIVE_INFINITY && !(Number.isInteger(value) && value >= 0)) {
    throw new RangeError(`${name} must be a whole number ≥ 0, got ${value}`);
  }
}
