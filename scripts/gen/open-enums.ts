// Response enums are informational: the API may add a state tomorrow, and a consumer's
// `switch` must still compile. In the copy of a spec that openapi-typescript reads, every
// enum in a response position becomes "one of these, or another value":
//   anyOf: [{ type: string, enum: [A, B] }, { type: string, x-pop-open: true }]
// which `openType` prints as `"A" | "B" | (string & Record<never, never>)`: editors still
// offer A and B, and any other string type-checks.
// Request enums stay closed (the validator refuses other values). A component that requests
// use too keeps its closed type under its name; where a response reaches it, an open copy
// of it stands in its place.
import ts from "typescript";
import { deref, type Schema, walk } from "../lib/schema.js";

const OPEN = "x-pop-open";

/**
 * The `transform` option of openapi-typescript: the other values of an open enum,
 * `string & Record<never, never>` rather than `string & {}`, which `NonNullable` (that is,
 * `T & {}`) turns back into `string`, swallowing the known values.
 */
export function openType(schema: Schema): ts.TypeNode | undefined {
  if (schema[OPEN] !== true) return undefined;
  const { factory } = ts;
  const keyword =
    schema.type === "string" ? ts.SyntaxKind.StringKeyword : ts.SyntaxKind.NumberKeyword;
  const never = factory.createKeywordTypeNode(ts.SyntaxKind.NeverKeyword);
  return factory.createParenthesizedType(
    factory.createIntersectionTypeNode([
      factory.createKeywordTypeNode(keyword),
      factory.createTypeReferenceNode("Record", [never, never]),
    ]),
  );
}

/**
 * The `postTransform` option of openapi-typescript: `("A" | "B") | (string & …)`, the
 * union of an open enum's branches, as one union.
 */
export function flatUnion(type: ts.TypeNode): ts.TypeNode | undefined {
  if (!ts.isUnionTypeNode(type)) return undefined;
  const inner = (member: ts.TypeNode) =>
    ts.isParenthesizedTypeNode(member) && ts.isUnionTypeNode(member.type)
      ? member.type.types
      : undefined;
  if (!type.types.some(inner)) return undefined;
  return ts.factory.createUnionTypeNode(type.types.flatMap((member) => inner(member) ?? [member]));
}

/** Opens the response enums of `doc` (a copy: it is changed in place). */
export function openResponseEnums(doc: Schema): void {
  const ops = Object.values<Schema>(doc.paths ?? {}).map((item) => item.post as Schema);
  const requests = reached(
    doc,
    ops.map((op) => jsonSchema(op.requestBody)),
  );
  const responses = ops.flatMap((op) =>
    Object.values<Schema>(op.responses ?? {}).map((r) => jsonSchema(deref(doc, r))),
  );
  const responseOnly = [...reached(doc, responses)].filter((name) => !requests.has(name));
  for (const root of [...responses, ...responseOnly.map((name) => doc.components.schemas[name])])
    openIn(doc, root, requests);
}

/** Opens the enums of `raw`, in place; a component requests use is copied in first. */
function openIn(doc: Schema, raw: Schema | undefined, requests: ReadonlySet<string>): void {
  walk(doc, raw, true, (node, _, site) => {
    if (!site) return undefined;
    if (node.ref) {
      // a response-only component is opened as a root of its own
      if (!requests.has(node.ref) || !holdsEnum(doc, site)) return undefined;
      const { $ref, ...siblings } = site;
      Object.assign(site, structuredClone(deref(doc, { $ref })), siblings);
      delete site.$ref;
      openIn(doc, site, requests);
      return undefined;
    }
    if (Array.isArray(site.enum)) {
      open(site);
      return undefined;
    }
    return { into: () => true };
  });
}

function open(site: Schema): void {
  const { type, enum: values, ...rest } = site;
  // strings and numbers only: true | false is all a boolean can be
  const kinds = new Set((values as unknown[]).map((v) => typeof v));
  if (kinds.size !== 1 || !(kinds.has("string") || kinds.has("number"))) return;
  const numeric = kinds.has("number");
  for (const key of Object.keys(site)) delete site[key];
  Object.assign(site, rest, {
    anyOf: [
      { ...(type ? { type } : {}), enum: values },
      { type: numeric ? "number" : "string", [OPEN]: true },
    ],
  });
}

/** The components reached from `roots`, through $refs and $refs to $refs. */
function reached(doc: Schema, roots: readonly (Schema | undefined)[]): Set<string> {
  const seen = new Set<string>();
  for (const root of roots) {
    walk(doc, root, true, (node, _, site) => {
      if (node.ref) {
        if (seen.has(node.ref)) return undefined;
        for (let s = site; s?.$ref; s = doc.components?.schemas?.[refName(s)]) seen.add(refName(s));
      }
      return { into: () => true };
    });
  }
  return seen;
}

function holdsEnum(doc: Schema, raw: Schema): boolean {
  let found = false;
  const seen = new Set<string>();
  walk(doc, raw, true, (node) => {
    if (found || (node.ref && seen.has(node.ref))) return undefined;
    if (node.ref) seen.add(node.ref);
    if (Array.isArray(node.s.enum)) found = true;
    return { into: () => true };
  });
  return found;
}

const refName = (s: Schema) => String(s.$ref).split("/").pop() as string;

const jsonSchema = (holder: Schema | undefined): Schema | undefined =>
  holder?.content?.["application/json"]?.schema;
