// The names of the generated types. In <product>.types.ts: `<Action>Input` and
// `<Action>Output` for every action, and every other component schema by its own name (a
// component that is the whole body of one action is that action's Input or Output, not a
// second name). From the package's main entry: the same name when no other product and
// no hand-written export has it, else prefixed with the product (`Tag` → `EciTag`,
// `VpcTag`); and every product's types once more, unprefixed, in its namespace
// (`EciTypes.Tag`).
import type { Schema } from "../lib/schema.js";
import { type Product, type SpecDoc, sortedOperations } from "../lib/spec.js";
import { pascal } from "./names.js";

/** The components that are the request and the response body of one action. */
export interface Bodies {
  readonly request: string;
  readonly response: string;
}

export interface ProductNames {
  /** the name of each component schema in <product>.types.ts */
  readonly declared: ReadonlyMap<string, string>;
  /** the names of each action's input and output */
  readonly actions: ReadonlyMap<string, { readonly input: string; readonly output: string }>;
  /** each name of <product>.types.ts → the name the main entry exports it by */
  readonly exported: ReadonlyMap<string, string>;
  /** the namespace of the product's types in the main entry */
  readonly namespace: string;
}

const IDENTIFIER = /^[A-Za-z_$][\w$]*$/;
const lastSegment = (ref: unknown) => String(ref).split("/").pop() as string;

/** The body components of each action; an inline body is named `<Action>Request` / `<Action>Response`. */
export function bodiesOf(spec: SpecDoc): Map<string, Bodies> {
  const bodies = new Map<string, Bodies>();
  for (const [action, op] of sortedOperations(spec)) {
    const request = op.requestBody?.content?.["application/json"]?.schema as Schema | undefined;
    const response = op.responses?.["200"]?.content?.["application/json"]?.schema as
      | Schema
      | undefined;
    if (!request || !response)
      throw new Error(`${spec.product} ${action}: needs a JSON request body and 200 answer`);
    bodies.set(action, {
      request: request.$ref ? lastSegment(request.$ref) : `${action}Request`,
      response: response.$ref ? lastSegment(response.$ref) : `${action}Response`,
    });
  }
  return bodies;
}

/** What one product calls its types, before the products are compared. */
function localNames(spec: SpecDoc) {
  const Name = pascal(spec.product);
  const actions = new Map<string, { input: string; output: string }>();
  const uses = new Map<string, string[]>(); // component → the Input/Output names it is the body of
  for (const [action, body] of bodiesOf(spec)) {
    const names = { input: `${action}Input`, output: `${action}Output` };
    actions.set(action, names);
    uses.set(body.request, [...(uses.get(body.request) ?? []), names.input]);
    uses.set(body.response, [...(uses.get(body.response) ?? []), names.output]);
  }
  const declared = new Map<string, string>();
  for (const key of new Set([...Object.keys(spec.doc.components?.schemas ?? {}), ...uses.keys()])) {
    // (a type named Record would hide the one the open enums use)
    if (!IDENTIFIER.test(key) || key === "Record")
      throw new Error(`${spec.product}: ${key} cannot be a type name`);
    const bodyOf = uses.get(key);
    declared.set(key, bodyOf?.length === 1 ? (bodyOf[0] as string) : key);
  }
  const all = [...actions.values()].flatMap(({ input, output }) => [input, output]);
  const taken = new Set(all);
  for (const [key, name] of declared) {
    if (name === key && taken.has(name))
      throw new Error(`${spec.product}: component ${key} has the name of an action's type`);
    taken.add(name);
  }
  return { Name, declared, actions, names: [...taken] };
}

/**
 * The names of every product's types, decided together so that the main entry's are
 * unique; `taken`: the names the entry exports besides the generated ones.
 */
export function typeNames(
  specs: readonly SpecDoc[],
  taken: ReadonlySet<string> = new Set(),
): Map<Product, ProductNames> {
  const local = specs.map((spec) => ({ product: spec.product, ...localNames(spec) }));
  const count = new Map<string, number>();
  for (const { names } of local) for (const n of names) count.set(n, (count.get(n) ?? 0) + 1);
  // and the names index.ts exports besides the types
  const exported = new Set(taken);
  for (const { Name } of local) {
    for (const suffix of ["Types", "Client", "Operations", "Pages", "Paths"])
      exported.add(`${Name}${suffix}`);
    exported.add(`create${Name}Client`);
  }
  const result = new Map<Product, ProductNames>();
  for (const { product, Name, declared, actions, names } of local) {
    const map = new Map<string, string>();
    for (const name of names) {
      const shared = (count.get(name) ?? 0) > 1 || taken.has(name);
      const flat = shared ? `${Name}${name}` : name;
      if (exported.has(flat)) throw new Error(`${product}: two types would be exported as ${flat}`);
      exported.add(flat);
      map.set(name, flat);
    }
    result.set(product, { declared, actions, exported: map, namespace: `${Name}Types` });
  }
  return result;
}
