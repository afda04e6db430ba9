// Lookups by own key only: tables and inputs are plain objects, and a name such as
// "constructor" or "__proto__" must never find Object.prototype's member.

/** `table[key]` when `key` is the table's own property, else undefined. */
export function own<T>(
  table: { readonly [key: string]: T } | undefined,
  key: string,
): T | undefined {
  return table !== undefined && Object.hasOwn(table, key) ? table[key] : undefined;
}

/**
 * True for objects whose own keys are the fields: `{…}`, `Object.create(null)`, class
 * instances. Arrays and built-ins that hold their data elsewhere (Date, Map, Set, RegExp,
 * Promise, Error, typed arrays) are not: their own keys say nothing of their content.
 */
export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return (
    typeof value === "object" &&
    value !== null &&
    Object.prototype.toString.call(value) === "[object Object]"
  );
}
