// Every rule the validator enforces, with where the API states it. A rule comes from the
// spec; it may stand only when the reference facts state it (a range, an enum, a list
// limit, a format, a required list) or the spec cites the official API docs for it
// (`x-pop-source`). `test/spec/rules.test.ts` fails on a rule with neither, and keeps
// docs/validation-rules.md equal to this listing.
import { loadReference } from "./check.js";
import { type Schema, walk } from "./schema.js";
import { loadSpec, type Product, products, requestSchema, sortedOperations } from "./spec.js";

// biome-ignore lint/suspicious/noExplicitAny: reference JSON is untyped
type Ref = Record<string, any>;

export interface Rule {
  product: Product;
  action: string;
  /** wire path: `Container.N.Port.N.Port`, a JSON parameter's field as `BackendServers[].Weight` */
  path: string;
  /** `maxLength 128`, `enum TCP|UDP (any case)`, … */
  rule: string;
  /** `api-reference.json (…)`, or the docs URL the spec cites; undefined: unsourced */
  source?: string;
}

const RULE_KEYS = [
  "enum",
  "minimum",
  "maximum",
  "minLength",
  "maxLength",
  "pattern",
  "minItems",
  "maxItems",
] as const;

const normalise = (name: string) => name.replace(/\.\d+(?=\.|$)/g, ".N");

interface At {
  name: string;
  /** inside a JSON-string parameter: its reference entry and the field path in it */
  json?: { param: Ref | undefined; field: string };
  required: boolean;
  /** the citation of an enclosing union (a rule on one of its branches) */
  cited?: string;
  /** below a comma-separated parameter: its list items are the parameter itself */
  csv?: boolean;
}

/** Lists the rules of every action of every product, or of one product. */
export function listRules(only?: Product, reference = loadReference()): Rule[] {
  const out: Rule[] = [];
  for (const product of only ? [only] : products) {
    const spec = loadSpec(product);
    for (const [action, op] of sortedOperations(spec)) {
      const refParams = new Map<string, Ref>();
      const all: Ref[] = reference.services[product]?.actions[action]?.params ?? [];
      for (const p of all) refParams.set(normalise(p.name), p);
      const fixed = (name: string) => fixedIndexes(all, name);
      walk<At>(spec.doc, requestSchema(spec, op), { name: "", required: false }, (node, at) => {
        const s = node.s;
        const cited = (s["x-pop-source"] as string | undefined) ?? at.cited;
        for (const key of RULE_KEYS) {
          if (s[key] === undefined) continue;
          const path = at.json ? `${at.json.field}` : at.name;
          const rule = describeRule(key, s);
          const source =
            sourceOf(key, s, at, refParams, node.kind === "array", fixed) ??
            (cited ? `docs: ${cited}` : undefined);
          out.push({ product, action, path, rule, ...(source ? { source } : {}) });
        }
        if (node.kind === "object" && s.if && s.then) {
          const when = Object.entries<Schema>(s.if.properties ?? {})
            .map(([name, cond]) => `${name} is ${(cond.enum ?? [cond.const]).join("|")}`)
            .join(" and ");
          for (const name of s.then.required ?? []) {
            const path = at.json
              ? `${at.json.field}.${name}`
              : at.name
                ? `${at.name}.${name}`
                : name;
            const text = at.json ? jsonShapeText(at.json.param, name) : undefined;
            const source =
              text && /needed|required/.test(text)
                ? `api-reference.json jsonShape "${name}: ${text}"`
                : cited && `docs: ${cited}`;
            out.push({
              product,
              action,
              path,
              rule: `required when ${when}`,
              ...(source ? { source } : {}),
            });
          }
        }
        const json =
          at.json ??
          (node.style === "json"
            ? { param: refParams.get(at.name), field: `${at.name}` }
            : undefined);
        return {
          into: (edge) => {
            if (edge.to === "branch") return { ...at, cited, csv: at.csv || node.style === "csv" };
            if (json && at.json === undefined && node.style === "json") {
              // the JSON parameter itself: its items or fields are named inside it
              const field =
                edge.to === "items"
                  ? `${at.name}[]`
                  : edge.to === "property"
                    ? `${at.name}.${edge.name}`
                    : at.name;
              return { name: at.name, json: { param: json.param, field }, required: false };
            }
            if (at.json) {
              const field =
                edge.to === "items"
                  ? `${at.json.field}[]`
                  : edge.to === "property"
                    ? `${at.json.field}.${edge.name}`
                    : `${at.json.field}.{key}`;
              return { ...at, json: { ...at.json, field }, cited: undefined };
            }
            if (edge.to === "property")
              return {
                name: at.name ? `${at.name}.${edge.name}` : edge.name,
                required: edge.required,
              };
            if (edge.to === "items")
              return { name: at.csv ? at.name : `${at.name}.N`, required: false };
            return { name: `${at.name}.{key}`, required: false };
          },
        };
      });
    }
  }
  return out;
}

function describeRule(key: (typeof RULE_KEYS)[number], s: Schema): string {
  if (key === "enum") {
    const values = (s.enum as unknown[]).map(String).join("|");
    return s["x-pop-case-insensitive"] ? `enum ${values} (any case)` : `enum ${values}`;
  }
  if (key === "pattern") return `pattern ${s.pattern}`;
  return `${key} ${s[key]}`;
}

/** Where the reference states the rule, or undefined. */
function sourceOf(
  key: (typeof RULE_KEYS)[number],
  s: Schema,
  at: At,
  refParams: Map<string, Ref>,
  isList: boolean,
  fixed: (name: string) => number | undefined,
): string | undefined {
  const value = s[key];
  if (at.json) return jsonShapeSource(key, s, at.json.param, at.json.field);
  // a list's limit sits on its wire parameter (`Name` for a styled list, `Name.N…` otherwise)
  const param =
    refParams.get(at.name) ??
    (isList
      ? [...refParams.entries()].find(([n]) => n.startsWith(`${at.name}.N`))?.[1]
      : undefined);
  if (!param) return undefined;
  const ref = "api-reference.json";
  switch (key) {
    case "enum":
      return param.enum && sameSet(param.enum, value) ? `${ref} enum` : undefined;
    case "minimum":
      return param.min === value ? `${ref} min` : undefined;
    case "maximum":
      return param.max === value ? `${ref} max` : undefined;
    case "maxItems":
      if (param.maxItems === value) return `${ref} maxItems`;
      // fixed indexes (`Filter.1.Key`, `Filter.2.Key`) bound the list
      return fixed(at.name) === value ? `${ref} fixed indexes` : undefined;
    case "minItems":
      // an empty list flattens to no parameter at all, which the API refuses as missing
      return value === 1 && at.required && param.required && s["x-pop-style"] === undefined
        ? `${ref} required (an empty list sends nothing)`
        : undefined;
    case "pattern":
      if (param.format) return `${ref} format "${param.format}"`;
      if (param.min !== undefined && param.max !== undefined)
        return `${ref} range ${param.min}–${param.max} of a numeric string`;
      return undefined;
    default:
      return undefined;
  }
}

/** A rule on a field of a JSON-string parameter, stated by the reference's jsonShape text. */
function jsonShapeSource(
  key: (typeof RULE_KEYS)[number],
  s: Schema,
  param: Ref | undefined,
  field: string,
): string | undefined {
  const name =
    field
      .split(/[.[\]]+/)
      .filter(Boolean)
      .pop() ?? "";
  const text = jsonShapeText(param, name);
  if (text === undefined) return undefined;
  const stated = `api-reference.json jsonShape "${name}: ${text}"`;
  const range = text.match(/(-?\d+)-(\d+)/);
  switch (key) {
    case "enum":
      return sameSet(text.split(/[ ,]/)[0]?.split("|") ?? [], s.enum) ? stated : undefined;
    case "minimum":
    case "minLength":
      return range && Number(range[1]) === s[key] ? stated : undefined;
    case "maximum":
    case "maxLength":
      return range && Number(range[2]) === s[key] ? stated : undefined;
    case "pattern":
      // the numeric-string spelling of a stated range
      return range && /string\|integer/.test(text) ? stated : undefined;
    default:
      return undefined;
  }
}

/** The reference's description of one field of a JSON-string parameter (`"string|integer 0-100"`). */
function jsonShapeText(param: Ref | undefined, name: string): string | undefined {
  const shape = Array.isArray(param?.jsonShape) ? param?.jsonShape[0] : param?.jsonShape;
  const text = typeof shape === "object" && shape ? shape[name] : undefined;
  return typeof text === "string" ? text : undefined;
}

function fixedIndexes(params: Ref[], name: string): number | undefined {
  let top = 0;
  for (const p of params) {
    const m = String(p.name).match(new RegExp(`^${name.replace(/\./g, "\\.")}\\.(\\d+)\\.`));
    if (m) top = Math.max(top, Number(m[1]));
  }
  return top || undefined;
}

const sameSet = (a: unknown[], b: unknown[]) =>
  a.length === b.length && a.every((x) => b.some((y) => String(x) === String(y)));

/** The rules as a Markdown table per product, actions sharing a rule on one line. */
export function formatRules(rules: Rule[]): string {
  const lines = [
    "# Validation rules",
    "",
    "Every rule the client and the fake cloud enforce before a request is sent, with where the",
    "API states it. Written by `npm run spec:rules`; `test/spec/rules.test.ts` fails when a rule",
    "has no source or this file is stale. Limits the API does not state (user-guide advice)",
    "are in the field descriptions, never here. `validate: false` (client or call) skips them all.",
    "Required parameters are the reference's own required flags (`test/spec/fidelity.test.ts`).",
  ];
  for (const product of [...new Set(rules.map((r) => r.product))]) {
    lines.push(
      "",
      `## ${product}`,
      "",
      "| parameter | rule | actions | source |",
      "|---|---|---|---|",
    );
    const merged = new Map<string, { rule: Rule; actions: string[] }>();
    for (const r of rules.filter((x) => x.product === product)) {
      const key = `${r.path}\u0000${r.rule}\u0000${r.source}`;
      const entry = merged.get(key);
      if (entry) entry.actions.push(r.action);
      else merged.set(key, { rule: r, actions: [r.action] });
    }
    for (const { rule, actions } of merged.values()) {
      const cell = (text: string) => text.replaceAll("|", "\\|");
      lines.push(
        `| \`${rule.path}\` | \`${cell(rule.rule)}\` | ${actions.join(", ")} | ${cell(rule.source ?? "**none**")} |`,
      );
    }
  }
  return `${lines.join("\n")}\n`;
}
