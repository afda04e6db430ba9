import { ValidationError, type ValidationIssue } from "../base/errors.js";
import type { Shape } from "../base/shape.js";

const patterns = new WeakMap<Shape, RegExp>();
const TYPE_NAMES = { s: "a string", i: "an integer", n: "a number", b: "a boolean" } as const;
/**
 * Lists the spec gives no size for are refused past this many items, before they are
 * walked: a sparse `new Array(2 ** 32 - 1)` would otherwise block the event loop, and a
 * POP request carries its parameters in a URL that could never hold that many.
 */
export const MAX_LIST_ITEMS = 10_000;

/**
 * Throws a ValidationError listing every rule `input` breaks; returns quietly otherwise.
 * Only own enumerable keys of plain objects count: `constructor` or `__proto__` is a
 * name like any other, and a Date or a Map is not an object of the API.
 */
export function validate(action: string, shape: Shape, input: unknown): void {
  const issues: ValidationIssue[] = [];
  if (input === undefined || input === null) check(shape, {}, "", issues, action);
  else check(shape, input, "", issues, action);
  if (issues.length) throw new ValidationError(action, issues);
}

function check(
  shape: Shape,
  value: unknown,
  path: string,
  issues: ValidationIssue[],
  action: string,
) {
  if (value === undefined || value === null) return;
  const fail = (rule: string) => issues.push({ path, rule });
  switch (shape.t) {
    case "s":
    case "i":
    case "n":
    case "b":
      return checkScalar(shape, value, fail);
    case "a":
      if (!Array.isArray(value)) return fail(`must be a list (got ${describe(value)})`);
      if (shape.minI !== undefined && value.length < shape.minI) {
        fail(
          `must have at least ${shape.minI} item${shape.minI === 1 ? "" : "s"} (got ${value.length})`,
        );
      }
      if (value.length > (shape.maxI ?? MAX_LIST_ITEMS)) {
        return fail(
          `must have at most ${shape.maxI ?? MAX_LIST_ITEMS} items (got ${value.length})`,
        );
      }
      for (let i = 0; i < value.length; i++) {
        const item = value[i];
        // a hole, undefined or null would send nothing at this index
        if (item === undefined || item === null) {
          issues.push({ path: `${path}[${i}]`, rule: `must be a value (got ${item})` });
        } else if (shape.i) check(shape.i, item, `${path}[${i}]`, issues, action);
      }
      return;
    case "m":
      if (!isPlainObject(value)) return fail(`must be an object (got ${describe(value)})`);
      if (shape.i)
        for (const key of Object.keys(value))
          check(shape.i, value[key], join(path, key), issues, action);
      return;
    case "o":
      return checkObject(shape, value, path, issues, action);
    case "u": {
      // the value matches one branch; when it has a branch's kind, that branch's rule explains the failure
      const branches = shape.u ?? [];
      let closest: ValidationIssue[] | undefined;
      for (const branch of branches) {
        const trial: ValidationIssue[] = [];
        check(branch, value, path, trial, action);
        if (trial.length === 0) return;
        if (sameKind(branch, value)) closest ??= trial;
      }
      if (closest) return issues.push(...closest);
      return fail(`must be ${branches.map(expected).join(" or ")} (got ${describe(value)})`);
    }
  }
}

function checkObject(
  shape: Shape,
  value: unknown,
  path: string,
  issues: ValidationIssue[],
  action: string,
) {
  if (!isPlainObject(value))
    return issues.push({ path, rule: `must be an object (got ${describe(value)})` });
  const fields = shape.f;
  const get = (name: string) => (Object.hasOwn(value, name) ? value[name] : undefined);
  for (const name of shape.r ?? []) {
    if (get(name) === undefined || get(name) === null)
      issues.push({ path: join(path, name), rule: "is required" });
  }
  for (const rule of shape.c ?? []) {
    const applies = Object.entries(rule.when).every(([name, values]) => values.includes(get(name)));
    if (!applies) continue;
    const because = Object.keys(rule.when)
      .map((name) => `${name} is ${JSON.stringify(get(name))}`)
      .join(" and ");
    for (const name of rule.r) {
      const given = get(name);
      if (given === undefined || given === null || given === "") {
        issues.push({ path: join(path, name), rule: `is required when ${because}` });
      }
    }
  }
  for (const key of Object.keys(value)) {
    const field = fields && Object.hasOwn(fields, key) ? fields[key] : undefined;
    if (field) check(field, value[key], join(path, key), issues, action);
    else if (value[key] !== undefined)
      issues.push({ path: join(path, key), rule: `is not a parameter of ${action}` });
  }
}

function checkScalar(shape: Shape, value: unknown, fail: (rule: string) => void) {
  const t = shape.t as keyof typeof TYPE_NAMES;
  const ok =
    t === "s"
      ? typeof value === "string"
      : t === "b"
        ? typeof value === "boolean"
        : typeof value === "number" &&
          Number.isFinite(value) &&
          (t === "n" || Number.isInteger(value));
  if (!ok) return fail(`must be ${TYPE_NAMES[t]} (got ${describe(value)})`);
  if (shape.e && !isOneOf(shape, value as string | number | boolean)) {
    return fail(
      `must be one of ${shape.e.map((e) => JSON.stringify(e)).join(", ")}${shape.ci ? " in any case" : ""} (got ${JSON.stringify(value)})`,
    );
  }
  if (typeof value === "number") {
    const { min, max } = shape;
    if ((min !== undefined && value < min) || (max !== undefined && value > max)) {
      fail(`${range(min, max)} (got ${value})`);
    }
  } else if (typeof value === "string") {
    if (shape.minL !== undefined || shape.maxL !== undefined) {
      const length = characters(value);
      if (shape.minL !== undefined && length < shape.minL)
        fail(`must be at least ${shape.minL} characters long (got ${length})`);
      if (shape.maxL !== undefined && length > shape.maxL)
        fail(`must be at most ${shape.maxL} characters long (got ${length})`);
    }
    if (shape.p !== undefined) {
      let re = patterns.get(shape);
      if (!re) {
        re = new RegExp(shape.p, "u");
        patterns.set(shape, re);
      }
      if (!re.test(value)) fail(`must match ${shape.p} (got ${JSON.stringify(value)})`);
    }
  }
}

function isOneOf(shape: Shape, value: string | number | boolean): boolean {
  const values = shape.e ?? [];
  if (values.includes(value)) return true;
  if (!shape.ci || typeof value !== "string") return false;
  const upper = value.toUpperCase();
  return values.some((known) => typeof known === "string" && known.toUpperCase() === upper);
}

/** Length as the API counts it, in characters: an emoji is one, not two UTF-16 units. */
function characters(value: string): number {
  let surrogates = 0;
  for (let i = 0; i < value.length; i++) {
    const unit = value.charCodeAt(i);
    if (unit >= 0xdc00 && unit <= 0xdfff) surrogates++;
  }
  return value.length - surrogates;
}

function range(min?: number, max?: number) {
  if (min !== undefined && max !== undefined) return `must be between ${min} and ${max}`;
  return min !== undefined ? `must be at least ${min}` : `must be at most ${max}`;
}

function expected(shape: Shape): string {
  if (shape.t === "a") return "a list";
  if (shape.t === "o" || shape.t === "m") return "an object";
  if (shape.t === "u") return (shape.u ?? []).map(expected).join(" or ");
  const base = TYPE_NAMES[shape.t];
  return shape.min !== undefined || shape.max !== undefined
    ? `${base} ${range(shape.min, shape.max).replace("must be ", "")}`
    : base;
}

function sameKind(shape: Shape, value: unknown): boolean {
  if (shape.t === "a") return Array.isArray(value);
  if (shape.t === "o" || shape.t === "m") return isPlainObject(value);
  if (shape.t === "s") return typeof value === "string";
  if (shape.t === "b") return typeof value === "boolean";
  return typeof value === "number" && (shape.t === "n" || Number.isInteger(value));
}

const join = (path: string, key: string) => (path ? `${path}.${key}` : key);

function describe(value: unknown): string {
  if (Array.isArray(value)) return "a list";
  if (typeof value === "string")
    return JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value);
  if (typeof value === "object" && value !== null && !isPlainObject(value)) {
    return `a ${value.constructor?.name ?? "non-plain object"}`; // a Date, a Map, a class instance
  }
  if (typeof value === "object") return "an object";
  return typeof value === "function" ? "a function" : String(value);
}

/**
 * True for objects whose own keys are the fields: `{…}`, `Object.create(null)`, class
 * instances. Arrays and built-ins that hold their data elsewhere (Date, Map, Set, RegExp,
 * Promise, Error, typed arrays) are not: their own keys say nothing of their content.
 */
function isPlainObject(value: unknown): value is Record<string, unknown> {
  return (
    typeof value === "object" &&
    value !== null &&
    Object.prototype.toString.call(value) === "[object Object]"
  );
}
