// Own keys only: the fake turns wire names and JSON from users' tests into objects and
// looks names up in its tables, inside the user's process. A name such as `__proto__`,
// `constructor` or `toString` must be data, never a door into Object.prototype.

/** `table[key]` when `key` is the table's own property, else undefined. */
export function own<T>(
  table: { readonly [key: string]: T } | undefined,
  key: string,
): T | undefined {
  return table !== undefined && Object.hasOwn(table, key) ? table[key] : undefined;
}

/** An empty object without a prototype: `__proto__` set on it is an ordinary key. */
export const bag = (): Record<string, unknown> => Object.create(null);

/** `JSON.parse`, with every object prototype-free. */
export function parseJson(text: string): unknown {
  return JSON.parse(text, (_key, value: unknown) =>
    value !== null && typeof value === "object" && !Array.isArray(value)
      ? Object.assign(bag(), value)
      : value,
  );
}
