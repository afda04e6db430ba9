// The four products the fake serves, keyed by their API version (what a request names).

import { eciService } from "../../../generated/eci.meta.js";
import { ecsService } from "../../../generated/ecs.meta.js";
import { slbService } from "../../../generated/slb.meta.js";
import { vpcService } from "../../../generated/vpc.meta.js";
import type { ServiceMeta } from "../../core/meta.js";
import type { ActionContext } from "./context.js";
import { eciActions } from "./eci.js";
import { ecsActions } from "./ecs.js";
import { slbActions } from "./slb.js";
import { vpcActions } from "./vpc.js";

/** One product: its generated facts, its code for error links, and its action handlers. */
export interface ProductModel {
  meta: ServiceMeta;
  /** product code as in `Recommend` links: Eci, Vpc, Ecs, Slb */
  code: string;
  // biome-ignore lint/suspicious/noExplicitAny: inputs are checked against the shape before dispatch
  actions: Record<string, (context: ActionContext, input: any) => object>;
}

/** Every product the fake models. */
export const PRODUCTS: readonly ProductModel[] = [
  { meta: eciService, code: "Eci", actions: eciActions },
  { meta: vpcService, code: "Vpc", actions: vpcActions },
  { meta: ecsService, code: "Ecs", actions: ecsActions },
  { meta: slbService, code: "Slb", actions: slbActions },
];
