// Reading the parts of a page answer that the generated page facts point at.
import { PaginationError } from "./errors.js";

/** The item list at a dotted path (`Vpcs.Vpc`); an absent list is an empty page. */
export function itemsAt(
  response: unknown,
  path: string,
  action: string,
  pageNumber: number,
): unknown[] {
  let value: unknown = response;
  for (const key of path.split(".")) {
    if (value === null || typeof value !== "object") return [];
    value = (value as Record<string, unknown>)[key];
  }
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value)) {
    throw new PaginationError(
      action,
      pageNumber,
      `expected a list at ${path}, got ${typeof value}`,
    );
  }
  return value;
}

/** A numeric field (TotalCount), read leniently: POP answers sometimes carry numbers as text. */
export function numberAt(response: unknown, field: string): number | undefined {
  const value = (response as Record<string, unknown> | null)?.[field];
  const n = typeof value === "string" && value.trim() !== "" ? Number(value) : value;
  return typeof n === "number" && Number.isFinite(n) ? n : undefined;
}

/** The next-page token; empty strings and non-strings mean "no more pages". */
export function tokenAt(response: unknown): string | undefined {
  const value = (response as Record<string, unknown> | null)?.NextToken;
  return typeof value === "string" && value !== "" ? value : undefined;
}
