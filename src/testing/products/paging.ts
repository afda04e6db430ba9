// The resource kit's paging: the two ways these APIs cut a list into pages.
import { invalidParameter } from "../errors.js";

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
