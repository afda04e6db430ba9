// The page size a listing asks for, from the generated page facts.
import type { PageMeta } from "../core/meta.js";

/**
 * The size to add to a copy of the caller's input, or undefined to add none. The
 * caller's own value wins; otherwise the API's maximum (fewest round trips; `maxItems`
 * trims the last page instead of shrinking pages, so no minimum page size is broken).
 * It travels as the type the API declares: ECI `ListTagResources.Limit` is a string.
 */
export function defaultPageSize(
  page: PageMeta,
  input: Record<string, unknown>,
): number | string | undefined {
  if (input[page.size] !== undefined || page.max === undefined) return undefined;
  return page.sizeIsString ? String(page.max) : page.max;
}

/** A page size or number as a positive whole number, whether sent as a number or as text. */
export function positiveInteger(value: unknown): number | undefined {
  const n = typeof value === "string" && value.trim() !== "" ? Number(value) : value;
  return typeof n === "number" && Number.isInteger(n) && n > 0 ? n : undefined;
}
