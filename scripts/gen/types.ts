// <product>.ts: the request and response types, as openapi-typescript writes them.
import openapiTS, { astToString, type OpenAPI3 } from "openapi-typescript";
import { deref, type Schema, walk } from "../lib/schema.js";
import type { SpecDoc } from "../lib/spec.js";
import { specHeader } from "./names.js";

export async function typesFile(spec: SpecDoc): Promise<string> {
  const ast = await openapiTS(describeRefProperties(spec.doc) as OpenAPI3, {
    defaultNonNullable: false,
    alphabetize: false,
  });
  // descriptions as the doc comments themselves (typedoc shows `@description` as a
  // "Description" block under an empty summary); number formats say nothing in TypeScript
  const types = astToString(ast)
    .replaceAll("@description ", "")
    .replace(/^\s*\* Format: \S+\n/gm, "");
  return `${specHeader(spec)}${types}`;
}

/**
 * A copy of the spec in which every property that is a bare `$ref` carries its target's
 * description: openapi-typescript documents a property only from its own description,
 * and the reference docs require every field to be documented.
 */
function describeRefProperties(doc: Schema): Schema {
  const copy = structuredClone(doc);
  const roots: (Schema | undefined)[] = [
    ...Object.values<Schema>(copy.components?.schemas ?? {}),
    ...Object.values<Schema>(copy.components?.responses ?? {}).map(jsonSchema),
    ...Object.values<Schema>(copy.paths ?? {}).flatMap((item) => [
      jsonSchema(item.post?.requestBody),
      ...Object.values<Schema>(item.post?.responses ?? {}).map(jsonSchema),
    ]),
  ];
  for (const root of roots) {
    // components are roots of their own: a $ref is described, not walked again
    walk(copy, root, true, (node, isRoot) => {
      if (node.ref && !isRoot) return undefined;
      if (node.kind === "object") {
        for (const { schema } of node.properties) {
          if (schema.$ref && schema.description === undefined) {
            const target = deref(copy, { $ref: schema.$ref });
            if (target.description) schema.description = target.description;
          }
        }
      }
      return { into: () => false };
    });
  }
  return copy;
}

const jsonSchema = (holder: Schema | undefined): Schema | undefined =>
  holder?.content?.["application/json"]?.schema;
