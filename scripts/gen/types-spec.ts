// The copy of a spec that openapi-typescript reads: the spec itself stays the wire's truth
// (the validator and the fake cloud read it), the copy says what the types should say.
//   - every body is a component, so that it gets a name (an inline one is moved there)
//   - every body and every property that is a bare $ref is documented
//   - RegionId is optional in every input: the client fills in its own region
//   - response enums are open (open-enums.ts)
import { deref, type Schema, walk } from "../lib/schema.js";
import type { SpecDoc } from "../lib/spec.js";
import { camel, pascal } from "./names.js";
import { openResponseEnums } from "./open-enums.js";
import { type Bodies, bodiesOf, type ProductNames } from "./type-names.js";

export function typesSpec(spec: SpecDoc, names: ProductNames): Schema {
  const copy = structuredClone(spec.doc);
  copy.components ??= {};
  copy.components.schemas ??= {};
  const schemas: Record<string, Schema> = copy.components.schemas;
  const bodies = bodiesOf(spec);
  for (const item of Object.values<Schema>(copy.paths ?? {})) {
    const op: Schema = item.post;
    const action = String(op.operationId);
    const body = bodies.get(action) as Bodies;
    const holders = [
      [op.requestBody.content["application/json"], body.request],
      [op.responses["200"].content["application/json"], body.response],
    ] as const;
    for (const [holder, name] of holders) {
      if (holder.schema.$ref) continue;
      if (schemas[name]) throw new Error(`${spec.product} ${action}: ${name} is taken`);
      schemas[name] = holder.schema;
      holder.schema = { $ref: `#/components/schemas/${name}` };
    }
    // a body of this action alone is its Input or Output, described as such
    const method = `{@link ${pascal(spec.product)}Client.${camel(action)}}`;
    const what = op.summary ? ` (${String(op.summary).replace(/\.$/, "")})` : "";
    const own = names.actions.get(action);
    for (const [key, name, text] of [
      [body.request, own?.input, "Input"],
      [body.response, own?.output, "Output"],
    ] as const) {
      if (names.declared.get(key) === name)
        (schemas[key] as Schema).description ??= `${text} of ${method}${what}.`;
    }
    regionOptional(component(schemas, body.request));
  }
  describeRefProperties(copy);
  openResponseEnums(copy);
  return copy;
}

/** A component with its aliases (`X: { $ref: Y }`) followed. */
function component(schemas: Record<string, Schema>, name: string): Schema | undefined {
  let s = schemas[name];
  for (let i = 0; s?.$ref && i < 32; i++) s = schemas[String(s.$ref).split("/").pop() as string];
  return s;
}

const REGION_NOTE = "Defaults to the client's region.";

/** `RegionId` leaves the input's `required`: the client adds its own when it is left out. */
function regionOptional(body: Schema | undefined): void {
  const region = body?.properties?.RegionId as Schema | undefined;
  if (!body || !region) return;
  body.required = (body.required ?? []).filter((name: string) => name !== "RegionId");
  if (!body.required.length) delete body.required;
  const said = String(region.description ?? "");
  if (region.$ref || said.includes(REGION_NOTE)) return;
  region.description = said ? `${said.replace(/([^.!?])$/, "$1.")} ${REGION_NOTE}` : REGION_NOTE;
}

/**
 * Every property that is a bare `$ref` carries its target's description: openapi-typescript
 * documents a property only from its own description, and the reference docs require every
 * field to be documented.
 */
function describeRefProperties(doc: Schema): void {
  const roots: (Schema | undefined)[] = [
    ...Object.values<Schema>(doc.components?.schemas ?? {}),
    ...Object.values<Schema>(doc.components?.responses ?? {}).map(jsonSchema),
  ];
  for (const root of roots) {
    // components are roots of their own: a $ref is described, not walked again
    walk(doc, root, true, (node, isRoot) => {
      if (node.ref && !isRoot) return undefined;
      if (node.kind === "object") {
        for (const { schema } of node.properties) {
          if (schema.$ref && schema.description === undefined) {
            const target = deref(doc, { $ref: schema.$ref });
            if (target.description) schema.description = target.description;
          }
        }
      }
      return { into: () => false };
    });
  }
}

const jsonSchema = (holder: Schema | undefined): Schema | undefined =>
  holder?.content?.["application/json"]?.schema;
