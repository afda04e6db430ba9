// The one walker over the schemas of a spec: what a schema node is once its $refs are
// followed (union, array, object, scalar; styled or not), what its parts are, and a depth
// first visit. The generated tables, the example inputs and the spec checker all read
// schemas through it, so they agree on what anyOf, a styled parameter or a map is.

// biome-ignore lint/suspicious/noExplicitAny: OpenAPI documents are untyped YAML
export type Schema = Record<string, any>;

/** How a parameter travels as one string (`x-pop-style`). */
export type Style = "json" | "csv";

/** One property of an object node. */
export interface Property {
  readonly name: string;
  /** as written, `$ref` included */
  readonly schema: Schema;
  readonly required: boolean;
}

interface NodeBase {
  /** the schema with its `$ref`s followed */
  readonly s: Schema;
  /** the name of the component the node was reached through (`#/components/schemas/<ref>`) */
  readonly ref?: string;
  readonly style?: Style;
}

/** A schema as the walker sees it. */
export type SchemaNode = NodeBase &
  (
    | { readonly kind: "union"; readonly branches: readonly Schema[] }
    | { readonly kind: "array"; readonly items: Schema }
    | {
        readonly kind: "object";
        readonly properties: readonly Property[];
        /** the schema of a map's values (`additionalProperties: {...}`) */
        readonly additional?: Schema;
      }
    | { readonly kind: "scalar"; readonly type: "string" | "integer" | "number" | "boolean" }
  );

/** A step from a node to one of its parts. */
export type Edge =
  | { readonly to: "property"; readonly name: string; readonly required: boolean }
  | { readonly to: "items" }
  | { readonly to: "values" }
  | { readonly to: "branch"; readonly index: number };

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

/** Classifies a schema: a union (anyOf/oneOf without a type, or a list of types) first. */
export function nodeOf(doc: Schema, raw: Schema | undefined): SchemaNode {
  const s = deref(doc, raw);
  const base: NodeBase = {
    s,
    ...(raw?.$ref ? { ref: String(raw.$ref).split("/").pop() as string } : {}),
    ...(s["x-pop-style"] ? { style: s["x-pop-style"] as Style } : {}),
  };
  const branches = (s.anyOf ?? s.oneOf) as Schema[] | undefined;
  if (branches && !s.type) return { ...base, kind: "union", branches };
  if (Array.isArray(s.type)) {
    const types = s.type.filter((type: string) => type !== "null");
    return { ...base, kind: "union", branches: types.map((type: string) => ({ ...s, type })) };
  }
  if (s.type === "array") return { ...base, kind: "array", items: s.items ?? {} };
  if (s.type === "object" || s.properties) {
    const required = new Set<string>(s.required ?? []);
    const properties = Object.entries<Schema>(s.properties ?? {}).map(([name, schema]) => ({
      name,
      schema,
      required: required.has(name),
    }));
    const additional =
      s.additionalProperties && typeof s.additionalProperties === "object"
        ? (s.additionalProperties as Schema)
        : undefined;
    return { ...base, kind: "object", properties, ...(additional ? { additional } : {}) };
  }
  const type = s.type === "integer" || s.type === "number" || s.type === "boolean";
  return { ...base, kind: "scalar", type: type ? s.type : "string" };
}

/** The parts of a node, in order: properties then map values, array items, union branches. */
export function partsOf(node: SchemaNode): [Edge, Schema][] {
  switch (node.kind) {
    case "object": {
      const parts: [Edge, Schema][] = node.properties.map((p) => [
        { to: "property", name: p.name, required: p.required },
        p.schema,
      ]);
      if (node.additional) parts.push([{ to: "values" }, node.additional]);
      return parts;
    }
    case "array":
      return [[{ to: "items" }, node.items]];
    case "union":
      return node.branches.map((branch, index) => [{ to: "branch", index }, branch]);
    default:
      return [];
  }
}

/** What a visitor does at a node: which parts to enter, with what context, and what to do after. */
export interface Step<C> {
  /** the context of a part, or undefined to leave that part out */
  into?: (edge: Edge) => C | undefined;
  /** called once the parts have been walked */
  leave?: () => void;
}

/**
 * Walks depth first from `raw`. `visit` sees each node with the context its parent gave
 * it, and the schema as written (to change it in place), and returns how to go on;
 * returning nothing stops below that node.
 */
export function walk<C>(
  doc: Schema,
  raw: Schema | undefined,
  context: C,
  visit: (node: SchemaNode, context: C, raw: Schema | undefined) => Step<C> | undefined,
): void {
  const node = nodeOf(doc, raw);
  const step = visit(node, context, raw);
  if (!step) return;
  if (step.into) {
    for (const [edge, part] of partsOf(node)) {
      const inner = step.into(edge);
      if (inner !== undefined) walk(doc, part, inner, visit);
    }
  }
  step.leave?.();
}
