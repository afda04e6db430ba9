// The inverse of src/sign/flatten.ts: POP wire parameters back into the nested input the
// action's shape describes. `Container.1.Port.1.Port=80` → `{ Container: [{ Port: [{ Port: 80 }] }] }`.
import type { Shape } from "../base/shape.js";
import { invalidParameter } from "./errors.js";
import { bag, own, parseJson } from "./own.js";

/**
 * A nested input: field names to values. Always prototype-free: a wire name through
 * `__proto__` or `constructor` is an unknown field, never a way into Object.prototype.
 *
 * @inline
 */
type Bag = Record<string, unknown>;

/**
 * The highest list index of a list the spec gives no maxItems: `Container.4294967295.Name`
 * would otherwise make a list of four billion slots that validation walks for minutes.
 * Keep it equal to the cap src/core/validate.ts puts on such lists.
 */
export const MAX_LIST_INDEX = 10_000;

/**
 * Rebuilds the nested input of an action from its wire parameters, guided by `shape`:
 * `.N` segments become (1-based) list items, other segments object fields; values are
 * converted by the shape's type (integer, number, boolean); a `w: "json"` parameter is
 * parsed, a `w: "csv"` one split on commas. Values that do not convert stay strings, so
 * `validate` can name them; names the shape does not know are kept as they came.
 * A list with a gap (`Tag.2.Key` alone) keeps the gap, so messages name the right index.
 * Objects are prototype-free; an index past the list's maxItems (else MAX_LIST_INDEX)
 * throws the gateway's InvalidParameter naming the list.
 */
export function unflatten(
  params: Iterable<[string, string]> | Record<string, string>,
  shape: Shape,
): Bag {
  const root = bag();
  const entries = Symbol.iterator in params ? params : Object.entries(params);
  for (const [name, value] of entries as Iterable<[string, string]>) {
    const [head, ...rest] = name.split(".");
    if (head === undefined || head === "") continue;
    assign(root, head, fieldOf(shape, head), rest, value, head);
  }
  return root;
}

/** Removes the gaps `unflatten` keeps in lists, deeply; objects stay prototype-free. */
export function compact<T>(value: T): T {
  if (Array.isArray(value)) return value.filter((item) => item !== undefined).map(compact) as T;
  if (value && typeof value === "object") {
    const out = bag();
    for (const [key, item] of Object.entries(value)) out[key] = compact(item);
    return out as T;
  }
  return value;
}

/** `Container[0].Port[1].Port` (a validation path) → `Container.1.Port.2.Port` (the wire name). */
export function wireName(path: string): string {
  return path.replace(/\[(\d+)\]/g, (_, index: string) => `.${Number(index) + 1}`);
}

function fieldOf(shape: Shape | undefined, name: string): Shape | undefined {
  if (!shape) return undefined;
  if (shape.t === "o") return own(shape.f, name);
  if (shape.t === "m") return shape.i;
  return undefined;
}

/** Puts `value` at `key.rest…` of `target`; `path` is the wire name of `key`, for errors. */
function assign(
  target: Bag | unknown[],
  key: string | number,
  shape: Shape | undefined,
  rest: string[],
  value: string,
  path: string,
): void {
  const slot = target as Bag;
  if (rest.length === 0) {
    slot[key] = leaf(shape, value);
    return;
  }
  const list = branchOf(shape, "a");
  if (list) {
    const index = Number(rest[0]);
    if (!Number.isInteger(index) || index < 1 || String(index) !== rest[0]) {
      slot[`${String(key)}.${rest.join(".")}`] = value; // not a list index: leave it for validation
      return;
    }
    checkIndex(list, index, path);
    if (!Array.isArray(slot[key])) slot[key] = [];
    assign(slot[key] as unknown[], index - 1, list.i, rest.slice(1), value, `${path}.${index}`);
    return;
  }
  if (!isBag(slot[key])) slot[key] = bag();
  const object = slot[key] as Bag;
  const inner = branchOf(shape, "o") ?? branchOf(shape, "m");
  if (inner?.t === "m" && inner.i && isScalar(inner.i)) {
    object[rest.join(".")] = leaf(inner.i, value); // map keys may themselves contain dots
    return;
  }
  const [head, ...tail] = rest as [string, ...string[]];
  assign(object, head, fieldOf(inner, head), tail, value, `${path}.${head}`);
}

/** Refuses an index no list of this shape can reach, before a slot is made for it. */
function checkIndex(list: Shape, index: number, path: string): void {
  const most = list.maxI ?? MAX_LIST_INDEX;
  if (index > most) throw invalidParameter(path, `must have at most ${most} items (got ${index})`);
}

function branchOf(shape: Shape | undefined, t: Shape["t"]): Shape | undefined {
  if (!shape) return undefined;
  if (shape.t === t) return shape;
  if (shape.t === "u") return shape.u?.find((branch) => branch.t === t);
  return undefined;
}

function leaf(shape: Shape | undefined, value: string): unknown {
  if (!shape) return value;
  if (shape.w === "json") {
    try {
      return parseJson(value);
    } catch {
      return value;
    }
  }
  if (shape.w === "csv") return value === "" ? [] : value.split(",");
  return scalar(shape, value);
}

const NUMBER = /^\s*-?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?\s*$/;

function scalar(shape: Shape, value: string): unknown {
  switch (shape.t) {
    case "i":
    case "n":
      return NUMBER.test(value) ? Number(value) : value;
    case "b": {
      const lower = value.toLowerCase();
      return lower === "true" ? true : lower === "false" ? false : value;
    }
    case "u":
      for (const branch of shape.u ?? []) {
        if (!isScalar(branch)) continue;
        const converted = scalar(branch, value);
        if (typeof converted !== "string" || branch.t === "s") return converted;
      }
      return value;
    default:
      return value;
  }
}

const isScalar = (shape: Shape) =>
  shape.t === "s" || shape.t === "i" || shape.t === "n" || shape.t === "b";
const isBag = (value: unknown): value is Bag =>
  typeof value === "object" && value !== null && !Array.isArray(value);
