// Compares spec/*.yaml with the reference facts in test/reference/api-reference.json.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { deref, type Schema } from "./schema.js";
import { loadSpec, type Product, requestSchema, responseSchema, root } from "./spec.js";
import { type WireParam, wireParams, wireType } from "./wire.js";

// biome-ignore lint/suspicious/noExplicitAny: reference JSON is untyped
type Ref = Record<string, any>;

export function loadReference(): Ref {
  return JSON.parse(readFileSync(join(root, "test", "reference", "api-reference.json"), "utf8"));
}

/**
 * Products whose facts are not in test/reference/api-reference.json, each with where its
 * spec's facts come from instead. Only these are skipped: a product missing from the
 * reference and not listed here (eci, say, after a bad edit of the reference) still fails.
 */
export const NOT_IN_REFERENCE: Readonly<Record<Product, string>> = {
  sts: "the STS API reference and the official @alicloud/sts20150401 client, cited in spec/sts.yaml",
};

/** The products the checker compares, and the ones it skips as documented. */
export function checkedProducts(
  all: readonly Product[],
  reference = loadReference(),
): { checked: Product[]; skipped: Product[] } {
  const skipped = all.filter((p) => Object.hasOwn(NOT_IN_REFERENCE, p));
  for (const product of skipped) {
    if (reference.services?.[product]) {
      throw new Error(`${product} is in the reference now: take it out of NOT_IN_REFERENCE`);
    }
  }
  return { checked: all.filter((p) => !skipped.includes(p)), skipped };
}

export interface ActionReport {
  action: string;
  params: number; // non-internal reference params
  matched: number; // params found with every fact equal
  excluded: string[]; // documented exclusions
  problems: string[];
}

export interface ProductReport {
  product: Product;
  actions: number;
  actionsInSpec: number;
  params: number;
  matched: number;
  reports: ActionReport[];
  problems: string[];
}

/** `Filter.1.Key` in the metadata is the same wire parameter as `Filter.N.Key`. */
const normalise = (name: string) => name.replace(/\.\d+(?=\.|$)/g, ".N");

const isLegacyLowercaseAlias = (p: Ref) =>
  p.onlyInMeta === true && /\.N\.(key|value)$/.test(p.name as string);

const sameSet = (a: unknown[] = [], b: unknown[] = []) =>
  a.length === b.length && a.every((x) => b.some((y) => String(x) === String(y)));

export function checkProduct(product: Product, reference = loadReference()): ProductReport {
  const spec = loadSpec(product);
  const svc = reference.services[product];
  if (!svc) throw new Error(`${product} is not in the reference (and not in NOT_IN_REFERENCE)`);
  const report: ProductReport = {
    product,
    actions: 0,
    actionsInSpec: 0,
    params: 0,
    matched: 0,
    reports: [],
    problems: [],
  };
  if (spec.doc["x-pop-version"] !== svc.version) {
    report.problems.push(`x-pop-version ${spec.doc["x-pop-version"]} != ${svc.version}`);
  }
  if (spec.doc["x-pop-code"] !== svc.productCode) {
    report.problems.push(`x-pop-code ${spec.doc["x-pop-code"]} != ${svc.productCode}`);
  }
  for (const name of spec.operations.keys()) {
    if (!svc.actions[name]) report.problems.push(`${name}: not an action of the reference`);
  }
  for (const [action, ref] of Object.entries<Ref>(svc.actions)) {
    report.actions++;
    const r: ActionReport = { action, params: 0, matched: 0, excluded: [], problems: [] };
    report.reports.push(r);
    const op = spec.operations.get(action);
    const refParams = (ref.params as Ref[]).filter((p) => !p.internal);
    r.params = refParams.filter((p) => !isLegacyLowercaseAlias(p)).length;
    report.params += r.params;
    if (!op) {
      r.problems.push("missing operation");
      continue;
    }
    report.actionsInSpec++;
    const params = new Map<string, WireParam>();
    for (const p of wireParams(spec.doc, requestSchema(spec, op))) params.set(p.name, p);
    const seen = new Set<string>();
    for (const p of refParams) {
      if (isLegacyLowercaseAlias(p)) {
        r.excluded.push(p.name);
        continue;
      }
      const key = normalise(p.name);
      seen.add(key);
      const mine = params.get(key);
      if (!mine) {
        r.problems.push(`${p.name}: missing`);
        continue;
      }
      const diffs = compareParam(p, mine);
      if (diffs.length) r.problems.push(`${p.name}: ${diffs.join("; ")}`);
      else r.matched++;
    }
    for (const name of params.keys()) {
      if (!seen.has(name)) r.problems.push(`${name}: not in the reference`);
    }
    r.problems.push(...checkOperation(spec.doc, op, ref), ...checkResponse(spec.doc, op, ref));
    report.matched += r.matched;
  }
  return report;
}

function compareParam(ref: Ref, mine: WireParam): string[] {
  const d: string[] = [];
  const refStyle = ref.style === "json" || ref.style === "csv" ? ref.style : undefined;
  if (ref.type !== mine.type) d.push(`type ${mine.type} != ${ref.type}`);
  if (Boolean(ref.required) !== mine.required)
    d.push(`required ${mine.required} != ${ref.required}`);
  if (refStyle !== mine.style) d.push(`style ${mine.style} != ${refStyle}`);
  if (ref.enum && !sameSet(ref.enum, mine.enum)) {
    d.push(`enum ${JSON.stringify(mine.enum)} != ${JSON.stringify(ref.enum)}`);
  }
  if (!ref.enum && mine.enum && ref.style !== "json") d.push("enum not in the reference");
  const numeric = ref.type !== "string";
  if (ref.min !== undefined) {
    if (numeric ? mine.min !== ref.min : !mine.pattern) d.push(`min ${mine.min} != ${ref.min}`);
  }
  if (ref.max !== undefined) {
    if (numeric ? mine.max !== ref.max : !mine.pattern) d.push(`max ${mine.max} != ${ref.max}`);
  }
  if (ref.maxItems !== undefined && mine.maxItems !== ref.maxItems) {
    d.push(`maxItems ${mine.maxItems} != ${ref.maxItems}`);
  }
  if (
    ref.default !== undefined &&
    mine.default !== undefined &&
    String(ref.default) !== String(mine.default)
  ) {
    d.push(`default ${mine.default} != ${ref.default}`);
  }
  if (ref.deprecated && !mine.deprecated) d.push("not marked deprecated");
  return d;
}

function checkOperation(doc: Schema, op: Schema, ref: Ref): string[] {
  const d: string[] = [];
  const token = op["x-pop-client-token"];
  if (ref.clientToken && token !== "ClientToken") d.push("x-pop-client-token missing");
  if (!ref.clientToken && token) d.push("x-pop-client-token but reference has clientToken: false");
  const pag = ref.pagination as Ref | null;
  const mine = op["x-pop-pagination"] as Schema | undefined;
  const pages =
    pag && (pag.style === "PageNumber" || (pag.responseFields as string[]).includes("NextToken"));
  if (pages && !mine) d.push("x-pop-pagination missing");
  if (!pages && mine) d.push("x-pop-pagination on an action that does not page");
  if (pages && mine) {
    const style = (pag.responseFields as string[]).includes("NextToken") ? "token" : "page";
    if (mine.style !== style) d.push(`pagination style ${mine.style} != ${style}`);
    if (mine.sizeParam !== pag.sizeParam) d.push(`sizeParam ${mine.sizeParam} != ${pag.sizeParam}`);
    if (pag.maxPageSize !== undefined && mine.maxPageSize !== pag.maxPageSize) {
      d.push(`maxPageSize ${mine.maxPageSize} != ${pag.maxPageSize}`);
    }
    let items = deref(doc, op.responses?.["200"]?.content?.["application/json"]?.schema);
    for (const part of String(mine.items).split(".")) items = deref(doc, items?.properties?.[part]);
    if (items?.type !== "array") d.push(`pagination items ${mine.items} is not an array`);
  }
  return d;
}

function refResponseLeaves(node: unknown, prefix = "", out = new Map<string, string | null>()) {
  if (Array.isArray(node)) return refResponseLeaves(node[0], `${prefix}[]`, out);
  if (node && typeof node === "object") {
    for (const [k, v] of Object.entries(node)) {
      const path = prefix ? `${prefix}.${k}` : k;
      out.set(path, null);
      refResponseLeaves(v, path, out);
    }
  } else if (typeof node === "string" && prefix) {
    out.set(prefix.replace(/(\[\])+$/, ""), node);
  }
  return out;
}

function checkResponse(doc: Schema, op: Schema, ref: Ref): string[] {
  const schema = responseSchema({ doc } as never, op);
  const missing: string[] = [];
  const wrongType: string[] = [];
  for (const [path, type] of refResponseLeaves(ref.response)) {
    let s: Schema | undefined = schema;
    for (const part of path.split(".")) {
      const arrays = part.match(/\[\]/g)?.length ?? 0;
      const name = part.replace(/\[\]/g, "");
      // a free-form map ("{key}") is additionalProperties: true or a value schema
      const map: Schema | undefined =
        s?.additionalProperties === true ? { type: "any" } : s?.additionalProperties;
      s = name === "{key}" && map ? deref(doc, map) : deref(doc, s?.properties?.[name]);
      for (let i = 0; i < arrays && s; i++) s = deref(doc, s.items);
      if (!s || Object.keys(s).length === 0) break;
    }
    if (!s || Object.keys(s).length === 0) {
      missing.push(path);
      continue;
    }
    while (s.type === "array") s = deref(doc, s.items);
    if (type && type !== "object" && type !== "any" && s.type !== "any" && wireType(s) !== type) {
      wrongType.push(`${path} (${wireType(s)} != ${type})`);
    }
  }
  const d: string[] = [];
  if (missing.length) d.push(`response fields missing: ${missing.join(", ")}`);
  if (wrongType.length) d.push(`response field types: ${wrongType.join(", ")}`);
  return d;
}

export function formatReport(r: ProductReport): string {
  const lines = [
    `${r.product}: actions ${r.actionsInSpec}/${r.actions}, parameters ${r.matched}/${r.params}`,
  ];
  for (const p of r.problems) lines.push(`  ! ${p}`);
  for (const a of r.reports) {
    for (const p of a.problems) lines.push(`  ${a.action}: ${p}`);
    if (a.excluded.length)
      lines.push(`  ${a.action}: excluded (legacy aliases) ${a.excluded.join(", ")}`);
  }
  return lines.join("\n");
}
