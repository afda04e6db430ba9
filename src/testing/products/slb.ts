// The SLB (classic load balancer) product: every action of spec/slb.yaml.
import type { operations } from "../../../generated/slb.js";
import type { ActionTable } from "./context.js";
import { slbBalancerActions } from "./slb-balancers.js";
import { slbListenerActions } from "./slb-listeners.js";

/** Handlers of the 17 SLB actions. */
export const slbActions: ActionTable<operations> = { ...slbBalancerActions, ...slbListenerActions };
