import type { Shape } from "../base/shape.js";

/** A flattened request: wire name and value, sorted by name the way POP canonicalises. */
export type Params = [name: string, value: string][];

/**
 * Turns a nested input into POP wire parameters: lists become `Name.1`, `Name.2` (a
 * `null` item keeps its index), objects `Name.Field`, one-string parameters are JSON
 * text or comma-joined, `''` is kept, `null`/`undefined` are dropped.
 */
export function flatten(input: object, shape?: Shape): Params {
  const out: Params = [];
  add(out, "", input, shape);
  return out.sort(byName);
}

const byName = (a: [string, string], b: [string, string]) =>
  a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0;

function add(out: Params, name: string, value: unknown, shape: Shape | undefined): void {
  if (value === undefined || value === null) return;
  if (shape?.w === "json") {
    out.push([name, JSON.stringify(value)]);
  } else if (shape?.w === "csv") {
    out.push([name, Array.isArray(value) ? value.join(",") : String(value)]);
  } else if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) add(out, `${name}.${i + 1}`, value[i], shape?.i);
  } else if (typeof value === "object") {
    for (const key of Object.keys(value)) {
      const fields = shape?.f;
      const child =
        fields && Object.hasOwn(fields, key) ? fields[key] : shape?.t === "m" ? shape.i : undefined;
      add(out, name ? `${name}.${key}` : key, (value as Record<string, unknown>)[key], child);
    }
  } else {
    out.push([name, String(value)]);
  }
}
