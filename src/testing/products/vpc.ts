// The VPC product: every action of spec/vpc.yaml.
import type { operations } from "../../../generated/vpc.js";
import type { ActionTable } from "./context.js";
import { vpcEipActions } from "./vpc-eip.js";
import { vpcNatActions } from "./vpc-nat.js";
import { vpcNatEntryActions } from "./vpc-nat-entries.js";
import { vpcNetworkActions } from "./vpc-network.js";

/** Handlers of the 23 VPC actions. */
export const vpcActions: ActionTable<operations> = {
  ...vpcNetworkActions,
  ...vpcEipActions,
  ...vpcNatActions,
  ...vpcNatEntryActions,
};
