// The spec seen from the wire: the flattened parameters a request schema produces, for the
// checker to compare with the reference.
import { nodeOf, type Schema, type Style, walk } from "./schema.js";

export type WireType = "string" | "integer" | "long" | "float" | "double" | "number" | "boolean";

export interface WireParam {
  name: string; // Container.N.Port.N.Port
  type: WireType;
  required: boolean;
  style?: Style;
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

interface At {
  name: string;
  required: boolean;
  deprecated: boolean;
}

/** Lists the wire parameters a request schema produces, the way the flattener names them. */
export function wireParams(doc: Schema, schema: Schema): WireParam[] {
  const out: WireParam[] = [];
  walk<At>(doc, schema, { name: "", required: false, deprecated: false }, (node, at) => {
    const { s } = node;
    const deprecated = at.deprecated || s.deprecated === true;
    const { name, required } = at;
    if (node.style) {
      // one string on the wire; a csv list's limit and values sit on its array branch
      const csv = node.style === "csv";
      const list = csv ? (s.anyOf ?? []).find((b: Schema) => b.type === "array") : s;
      out.push(
        clean({
          name,
          type: "string",
          required,
          style: node.style,
          maxItems: list?.maxItems,
          enum: csv ? nodeOf(doc, list?.items).s.enum : undefined,
          deprecated: deprecated || undefined,
        }),
      );
      return undefined;
    }
    switch (node.kind) {
      case "union":
        // a scalar that accepts several spellings (integer or numeric string): report the first
        return {
          into: (edge) =>
            edge.to === "branch" && edge.index === 0 ? { ...at, deprecated } : undefined,
        };
      case "object":
        return {
          into: (edge) =>
            edge.to === "property"
              ? {
                  name: name ? `${name}.${edge.name}` : edge.name,
                  required: edge.required,
                  deprecated,
                }
              : { name: `${name}.{key}`, required: false, deprecated },
        };
      case "array": {
        const before = out.length;
        return {
          into: () => ({ name: `${name}.N`, required, deprecated }),
          // a list of one scalar carries the list's limit
          leave: () => {
            const only = out[before];
            if (s.maxItems !== undefined && out.length === before + 1 && only)
              only.maxItems = s.maxItems;
          },
        };
      }
      default:
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
            deprecated: deprecated || undefined,
          }),
        );
        return undefined;
    }
  });
  return out;
}

function clean<T extends object>(o: T): T {
  for (const k of Object.keys(o) as (keyof T)[]) if (o[k] === undefined) delete o[k];
  return o;
}
