// Lookups by own key only: tables and inputs are plain objects, and a name such as
// "constructor" or "__proto__" must never find Object.prototype's member.

/** `table[key]` when `key` is the table's own property, else undefined. */
export function own<T>(
  table: { readonly [key: string]: T } | undefined,
  key: string,
): T | undefined {
  return table !== undefined && Object.hasOwn(table, key) ? table[key] : undefined;
}

/** A copy of `options` without the keys whose value is undefined: `{ timeoutMs: undefined }` must not erase a default. */
export function defined<T extends object>(options: T): Partial<T> {
  const out: Partial<T> = {};
  for (const key of Object.keys(options) as (keyof T)[]) {
    if (options[key] !== undefined) out[key] = options[key];
  }
  return out;
}
