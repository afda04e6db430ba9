import { withShapes } from "../../core/meta.js";
// The four products the fake serves, keyed by their API version (what a request names).

import { eciShapes } from "../../../generated/eci.meta.js";
import { eciInfo } from "../../../generated/eci.service.js";
import { ecsShapes } from "../../../generated/ecs.meta.js";
import { ecsInfo } from "../../../generated/ecs.service.js";
import { slbShapes } from "../../../generated/slb.meta.js";
import { slbInfo } from "../../../generated/slb.service.js";
import { vpcShapes } from "../../../generated/vpc.meta.js";
import { vpcInfo } from "../../../generated/vpc.service.js";
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
  { meta: withShapes(eciInfo, eciShapes), code: "Eci", actions: eciActions },
  { meta: withShapes(vpcInfo, vpcShapes), code: "Vpc", actions: vpcActions },
  { meta: withShapes(ecsInfo, ecsShapes), code: "Ecs", actions: ecsActions },
  { meta: withShapes(slbInfo, slbShapes), code: "Slb", actions: slbActions },
];
