// One client per product and region, kept in a small LRU: without `regions`, any
// well-formed region id may come from the browser, so an unbounded cache would grow forever.

/** How many clients the proxy keeps; an evicted one is simply made again when needed. */
export const MAX_CLIENTS = 64;

/** A map that keeps the `limit` most recently used values. */
export function lruCache<V>(limit: number): { get(key: string, create: () => V): V } {
  const entries = new Map<string, V>();
  return {
    get(key, create) {
      let value = entries.get(key);
      if (value === undefined) value = create();
      else entries.delete(key); // re-inserted below: Map order is recency
      entries.set(key, value);
      if (entries.size > limit) entries.delete(entries.keys().next().value as string);
      return value;
    },
  };
}
