// Build-time helpers over spec/*.yaml: load, resolve local $refs, walk request schemas
// into wire parameter names. Used by the generator and the spec checker, never shipped.
import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { parse } from "yaml";

export const root = join(dirname(fileURLToPath(import.meta.url)), "..", "..");
export const products = ["eci", "vpc", "ecs", "slb"] as const;
export type Product = (typeof products)[number];

// biome-ignore lint/suspicious/noExplicitAny: OpenAPI documents are untyped YAML
export type Schema = Record<string, any>;

export interface SpecDoc {
  product: Product;
  doc: Schema;
  operations: Map<string, Schema>;
}

export function loadSpec(product: Product): SpecDoc {
  const doc = parse(readFileSync(join(root, "spec", `${product}.yaml`), "utf8")) as Schema;
  const operations = new Map<string, Schema>();
  for (const [path, item] of Object.entries<Schema>(doc.paths ?? {})) {
    const op = item.post;
    if (!op) throw new Error(`${product}: ${path} has no post operation`);
    operations.set(op.operationId, op);
  }
  return { product, doc, operations };
}

/** Follows local `$ref`s ("#/components/schemas/X") until a real schema is reached. */
export function deref(doc: Schema, schema: Schema | undefined): Schema {
  let s = schema ?? {};
  for (let i = 0; s.$ref && i < 32; i++) {
    const ref = String(s.$ref);
    if (!ref.startsWith("#/")) throw new Error(`only local $refs are supported: ${ref}`);
    let target: Schema = doc;
    for (const part of ref.slice(2).split("/")) target = target?.[part];
    if (!target) throw new Error(`dangling $ref ${ref}`);
    // sibling keywords next to $ref (description, deprecated) win over the target's
    const { $ref: _ref, ...siblings } = s;
    s = { ...target, ...siblings };
  }
  return s;
}

export function requestSchema(spec: SpecDoc, op: Schema): Schema {
  return deref(spec.doc, op.requestBody?.content?.["application/json"]?.schema);
}

export function responseSchema(spec: SpecDoc, op: Schema): Schema {
  return deref(spec.doc, op.responses?.["200"]?.content?.["application/json"]?.schema);
}

export type WireType = "string" | "integer" | "long" | "float" | "double" | "number" | "boolean";

export interface WireParam {
  name: string; // Container.N.Port.N.Port
  type: WireType;
  required: boolean;
  style?: "json" | "csv";
  enum?: unknown[];
  min?: number;
  max?: number;
  maxItems?: number;
  pattern?: string;
  default?: unknown;
  deprecated?: boolean;
}

export function wireType(s: Schema): WireType {
  const t = Array.isArray(s.type) ? s.type.find((x: string) => x !== "null") : s.type;
  if (t === "integer") return s.format === "int64" ? "long" : "integer";
  if (t === "number") {
    if (s.format === "float") return "float";
    if (s.format === "double") return "double";
    return "number";
  }
  if (t === "boolean") return "boolean";
  return "string";
}

/** Lists the wire parameters a request schema produces, the way the flattener names them. */
export function wireParams(doc: Schema, schema: Schema): WireParam[] {
  const out: WireParam[] = [];
  walk(doc, schema, "", false, false, out);
  return out;
}

function walk(
  doc: Schema,
  raw: Schema,
  name: string,
  required: boolean,
  deprecated: boolean,
  out: WireParam[],
) {
  const s = deref(doc, raw);
  const dep = deprecated || s.deprecated === true;
  const style = s["x-pop-style"] as "json" | "csv" | undefined;
  if (style) {
    const arrayBranch =
      style === "csv" ? (s.anyOf ?? []).find((b: Schema) => b.type === "array") : s;
    out.push(
      clean({
        name,
        type: "string",
        required,
        style,
        maxItems: arrayBranch?.maxItems,
        enum: style === "csv" ? deref(doc, arrayBranch?.items).enum : undefined,
        deprecated: dep || undefined,
      }),
    );
    return;
  }
  const branches = (s.anyOf ?? s.oneOf) as Schema[] | undefined;
  if (branches && !s.type) {
    // a scalar that accepts several spellings (integer or numeric string): report the first
    walk(doc, { ...branches[0], description: s.description }, name, required, dep, out);
    return;
  }
  if (s.type === "object" || s.properties) {
    const req = new Set<string>(s.required ?? []);
    for (const [key, child] of Object.entries<Schema>(s.properties ?? {})) {
      walk(doc, child, name ? `${name}.${key}` : key, req.has(key), dep, out);
    }
    if (s.additionalProperties && typeof s.additionalProperties === "object") {
      walk(doc, s.additionalProperties, `${name}.{key}`, false, dep, out);
    }
    return;
  }
  if (s.type === "array") {
    const items = deref(doc, s.items);
    const before = out.length;
    walk(doc, items, `${name}.N`, required, dep, out);
    if (s.maxItems !== undefined && out.length === before + 1 && out[before]) {
      out[before].maxItems = s.maxItems;
    }
    return;
  }
  out.push(
    clean({
      name,
      type: wireType(s),
      required,
      enum: s.enum,
      min: s.minimum,
      max: s.maximum,
      pattern: s.pattern,
      default: s.default,
      deprecated: dep || undefined,
    }),
  );
}

function clean<T extends object>(o: T): T {
  for (const k of Object.keys(o) as (keyof T)[]) if (o[k] === undefined) delete o[k];
  return o;
}

/** Response field paths ("ContainerGroups[].Containers[].Name") of a response schema. */
export function responsePaths(doc: Schema, schema: Schema, prefix = "", depth = 0): string[] {
  const s = deref(doc, schema);
  if (depth > 12) return [];
  if (s.type === "array") return responsePaths(doc, s.items, `${prefix}[]`, depth + 1);
  if (s.type === "object" || s.properties) {
    const out: string[] = [];
    for (const [key, child] of Object.entries<Schema>(s.properties ?? {})) {
      const path = prefix ? `${prefix}.${key}` : key;
      out.push(path, ...responsePaths(doc, child, path, depth + 1));
    }
    return out;
  }
  return [];
}
