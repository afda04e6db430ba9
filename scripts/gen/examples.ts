// The @example of an action without its own x-pop-example: a short, valid-looking input
// built from the required parameters, with the spec's example values by parameter name
// (`x-pop-example-params`: ids, regions) where it has them.
import { nodeOf, type Schema, type SchemaNode, walk } from "../lib/schema.js";

export class Examples {
  private readonly params: Record<string, unknown>;

  constructor(private readonly doc: Schema) {
    this.params = doc["x-pop-example-params"] ?? {};
  }

  /** An input holding every required parameter of `request`. */
  input(request: Schema, depth = 0): Record<string, unknown> {
    return this.object(nodeOf(this.doc, request), depth);
  }

  private object(node: SchemaNode, depth: number): Record<string, unknown> {
    const out: Record<string, unknown> = {};
    if (depth > 4 || node.kind !== "object") return out;
    for (const name of node.s.required ?? [])
      out[name] = this.value(node.s.properties?.[name] ?? {}, name, depth);
    return out;
  }

  private value(raw: Schema, name: string, depth: number): unknown {
    const node = nodeOf(this.doc, raw);
    const { s } = node;
    if (s.examples?.length) return s.examples[0];
    if (s.example !== undefined) return s.example;
    if (node.style === "csv") return this.value({ type: "string" }, name, depth);
    const known = Object.hasOwn(this.params, name) ? this.params[name] : undefined;
    if (known !== undefined && (s.type === "string" || !s.type)) return known;
    if (s.enum?.length) return s.enum[0];
    if (s.anyOf || s.oneOf) return this.value((s.anyOf ?? s.oneOf)[0], name, depth);
    switch (s.type) {
      case "integer":
      case "number":
        return s.default ?? s.minimum ?? 1;
      case "boolean":
        return true;
      case "array":
        return [this.value(s.items, name, depth + 1)];
      case "object":
        return this.object(node, depth + 1);
      default:
        if (s.pattern && /\^\[?1/.test(s.pattern)) return "80";
        return /Name$/.test(name) ? "my-app" : `<${name}>`;
    }
  }
}

/** Dotted paths of the required parameters (`Container[].Image`), not inside styled ones. */
export function requiredPaths(doc: Schema, request: Schema): string[] {
  const out: string[] = [];
  walk(doc, request, { path: "", depth: 0 }, (node, at) => {
    if (at.depth > 6 || node.style) return undefined;
    if (node.kind === "array")
      return { into: () => ({ path: `${at.path}[]`, depth: at.depth + 1 }) };
    if (node.kind !== "object") return undefined;
    return {
      into: (edge) => {
        if (edge.to !== "property") return undefined;
        const path = at.path ? `${at.path}.${edge.name}` : edge.name;
        if (edge.required) out.push(path);
        return { path, depth: at.depth + 1 };
      },
    };
  });
  return out;
}
