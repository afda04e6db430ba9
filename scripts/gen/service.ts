// <product>.service.ts: the small table every client carries (endpoints, action facts) and
// a loader for the request shapes in <product>.meta.ts; the action facts are also exported
// on their own, for the proxy-only clients of alicloud-eci/browser.
import type { SpecDoc } from "../lib/spec.js";
import { actionFacts } from "./actions.js";
import { Code, literal } from "./literal.js";
import { type Context, specHeader, titleOf } from "./names.js";

export function serviceFile(spec: SpecDoc, context: Context): string {
  const { doc, product } = spec;
  const endpoint = doc["x-pop-endpoint"];
  const load = new Code(
    `() => import("./${product}.meta.js").then((m) => withShapes(${product}Info, m.${product}Shapes))`,
  );
  const body = literal({
    product,
    version: doc["x-pop-version"],
    endpoint: {
      regional: endpoint.regional,
      map: Object.keys(endpoint.map ?? {}).length ? endpoint.map : undefined,
    },
    actions: new Code(`${product}Actions`),
    load,
  });
  // the actions on their own: a proxy-only client (alicloud-eci/browser) carries them and
  // nothing else, so its bundle has no endpoint table and no loader for the shapes
  return `${specHeader(spec)}import { type ServiceInfo, withShapes } from "${context.src}/core/meta.js";

/** What every ${titleOf(spec)} client knows of each action: ClientToken, read-only, pagination. */
export const ${product}Actions: ServiceInfo["actions"] = ${literal(actionFacts(spec))};

/** The facts every ${titleOf(spec)} client carries; request shapes load on first use. */
export const ${product}Info: ServiceInfo = ${body};
`;
}
