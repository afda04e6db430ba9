// The small facts of each action, from its operation's extensions: the idempotency
// parameter, whether it only reads, whether it takes a RegionId, and how it pages.
import { deref, type Schema } from "../lib/schema.js";
import { requestSchema, type SpecDoc, sortedOperations } from "../lib/spec.js";

/** ActionInfo (src/core/meta.ts) of every action, by action name. */
export function actionFacts(spec: SpecDoc): Record<string, Record<string, unknown>> {
  const facts: Record<string, Record<string, unknown>> = {};
  for (const [action, op] of sortedOperations(spec)) {
    const page = op["x-pop-pagination"] as Schema | undefined;
    facts[action] = {
      ct: op["x-pop-client-token"],
      ro: op["x-pop-read-only"] === true ? true : undefined,
      anon: op["x-pop-anonymous"] === true ? true : undefined,
      nr: requestSchema(spec, op).properties?.RegionId ? undefined : true,
      page: page && {
        style: page.style,
        size: page.sizeParam,
        sizeIsString: sizeIsString(spec, op, page.sizeParam),
        max: page.maxPageSize,
        items: page.items,
        total: page.total,
      },
    };
  }
  return facts;
}

/** True when the API types the page size as a string, so the paginator sends one. */
function sizeIsString(spec: SpecDoc, op: Schema, param: string): true | undefined {
  const request = requestSchema(spec, op);
  return deref(spec.doc, request.properties?.[param]).type === "string" ? true : undefined;
}
