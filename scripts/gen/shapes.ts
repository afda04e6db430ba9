// <product>.meta.ts: the request shape of every action (validation rules, wire styles), one
// named constant per component schema so that shared shapes are written once.
import { nodeOf, type Schema, type SchemaNode } from "../lib/schema.js";
import { type SpecDoc, sortedOperations } from "../lib/spec.js";
import { Code, literal } from "./literal.js";
import { type Context, specHeader, titleOf } from "./names.js";

export function shapesFile(spec: SpecDoc, context: Context): string {
  const { doc, product } = spec;
  const builder = new ShapeBuilder(doc);
  const shapes: Record<string, unknown> = {};
  for (const [action, op] of sortedOperations(spec)) {
    shapes[action] = builder.shape(op.requestBody?.content?.["application/json"]?.schema);
  }
  const consts = [...builder.consts].map(
    ([name, value]) => `const ${name}: Shape = ${literal(value)};`,
  );
  return `${specHeader(spec)}import type { Shape } from "${context.src}/base/shape.js";

${consts.join("\n")}

/** The request shapes of ${titleOf(spec)} (API ${doc["x-pop-version"]}), by action: what validation and flattening read. */
export const ${product}Shapes: { readonly [action: string]: Shape } = ${literal(shapes)};
`;
}

/** Converts request schemas to Shapes (src/base/shape.ts). */
class ShapeBuilder {
  readonly consts = new Map<string, unknown>();
  private readonly building = new Set<string>();

  constructor(private readonly doc: Schema) {}

  shape(raw: Schema | undefined): unknown {
    const node = nodeOf(this.doc, raw);
    if (!node.ref) return this.inline(node);
    if (!this.consts.has(node.ref)) {
      if (this.building.has(node.ref))
        throw new Error(`recursive schema ${node.ref} is not supported`);
      this.building.add(node.ref);
      this.consts.set(node.ref, this.inline(node));
      this.building.delete(node.ref);
    }
    return new Code(node.ref);
  }

  private inline(node: SchemaNode): Record<string, unknown> {
    const { s } = node;
    let out: Record<string, unknown>;
    switch (node.kind) {
      case "union":
        out = { t: "u", u: node.branches.map((b) => this.shape(b)) };
        break;
      case "array":
        out = { t: "a", i: this.shape(node.items), minI: s.minItems, maxI: s.maxItems };
        break;
      case "object": {
        if (!s.properties && node.additional) {
          out = { t: "m", i: this.shape(node.additional) };
          break;
        }
        const f: Record<string, unknown> = {};
        for (const p of node.properties) f[p.name] = this.shape(p.schema);
        out = { t: "o", f, r: s.required?.length ? s.required : undefined, c: conditions(s) };
        break;
      }
      default:
        if (node.type === "integer" || node.type === "number") {
          out = {
            t: node.type === "integer" ? "i" : "n",
            e: s.enum,
            min: s.minimum,
            max: s.maximum,
          };
        } else if (node.type === "boolean") {
          out = { t: "b" };
        } else {
          out = { t: "s", e: s.enum, minL: s.minLength, maxL: s.maxLength, p: s.pattern };
          if (s["x-pop-case-insensitive"] === true) out.ci = true;
        }
    }
    if (node.style) out.w = node.style;
    return out;
  }
}

/** JSON Schema `if: {properties: {X: {enum}}, required: [X]}, then: {required: [...]}` rules. */
function conditions(s: Schema): unknown[] | undefined {
  const rules = [s, ...(s.allOf ?? [])].filter((r: Schema) => r.if && r.then);
  if (!rules.length) return undefined;
  return rules.map((r: Schema) => {
    const when: Record<string, unknown[]> = {};
    for (const [name, cond] of Object.entries<Schema>(r.if.properties ?? {})) {
      when[name] = cond.enum ?? (cond.const !== undefined ? [cond.const] : []);
    }
    return { when, r: r.then.required ?? [] };
  });
}
