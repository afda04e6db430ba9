// The products the fake serves: every product of the generated registry, with its
// hand-written behaviour where there is one, else the spec's example answers.

import { type ProductKey, PRODUCTS as REGISTRY } from "../../../generated/products.js";
import { PRODUCT_TABLES, type ProductTables } from "../../../generated/products.meta.js";
import { type ServiceMeta, withShapes } from "../../core/meta.js";
import type { ActionContext } from "./context.js";
import { eciActions } from "./eci.js";
import { ecsActions } from "./ecs.js";
import { slbActions } from "./slb.js";
import { stsActions } from "./sts.js";
import { vpcActions } from "./vpc.js";

// biome-ignore lint/suspicious/noExplicitAny: inputs are checked against the shape before dispatch
type Handler = (context: ActionContext, input: any) => object;

/** One product: its generated facts, its code for error links, and its action handlers. */
export interface ProductModel {
  meta: ServiceMeta;
  /** product code as in `Recommend` links: Eci, Vpc, Ecs, Slb */
  code: string;
  actions: Record<string, Handler>;
}

/** The products modelled by hand, by registry key. */
const BEHAVIOUR: { readonly [K in ProductKey]?: Record<string, Handler> } = {
  eci: eciActions,
  vpc: vpcActions,
  ecs: ecsActions,
  slb: slbActions,
  sts: stsActions,
};

/** A product nobody modelled yet: each action answers the spec's example (or nothing). */
function exampleActions(meta: ServiceMeta, tables: ProductTables): Record<string, Handler> {
  const actions: Record<string, Handler> = {};
  for (const action of Object.keys(meta.actions)) {
    const answer = tables.answers?.[action] ?? {};
    actions[action] = () => structuredClone(answer);
  }
  return actions;
}

/** Every product the fake serves. */
export const PRODUCTS: readonly ProductModel[] = (Object.keys(REGISTRY) as ProductKey[]).map(
  (key) => {
    const tables = PRODUCT_TABLES[key];
    const meta = withShapes(REGISTRY[key].service, tables.shapes);
    const actions = BEHAVIOUR[key] ?? exampleActions(meta, tables);
    return { meta, code: REGISTRY[key].code, actions };
  },
);
