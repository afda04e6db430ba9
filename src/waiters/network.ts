// Waiters for the network pieces of topic 1: VPC, vSwitch, NAT gateway, EIP.
import type { VpcClient } from "../../generated/vpc.client.js";
import type {
  DescribeVpcAttributeOutput,
  DescribeVSwitchAttributesOutput,
  EipAddress,
  GetNatGatewayAttributeOutput,
} from "../../generated/vpc.types.js";
import { defined } from "../base/objects.js";
import { type RegionRef, regionOf } from "./region.js";
import type { WaitDecision, WaiterOptions } from "./types.js";
import { waitUntil } from "./wait-until.js";

/** What DescribeVpcAttribute answers. */
export type VpcAttributes = DescribeVpcAttributeOutput;
/** What DescribeVSwitchAttributes answers. */
export type VSwitchAttributes = DescribeVSwitchAttributesOutput;
/** What GetNatGatewayAttribute answers. */
export type NatGatewayAttributes = GetNatGatewayAttributeOutput;
export type { EipAddress };

/** Options of `waitForEipStatus`. */
export interface EipWaiterOptions extends WaiterOptions {
  /** `Available` (allocated and unbound, e.g. after UnassociateEipAddress) or `InUse` (bound) */
  status: "Available" | "InUse";
}

/** Network resources settle in seconds: 2 minutes, polls from 1 s backing off to 10 s. */
const DEFAULTS = { timeoutMs: 2 * 60_000, minDelayMs: 1_000, maxDelayMs: 10_000 };

/** `Available` is success; any other status is a transition to wait out. */
function untilAvailable<Answer extends { Status?: string }>(answer: Answer): WaitDecision<Answer> {
  return answer.Status === "Available"
    ? { state: "success", value: answer, status: answer.Status }
    : { state: "pending", status: answer.Status, resource: answer };
}

/**
 * Waits until a VPC is `Available` (DescribeVpcAttribute) and returns its attributes.
 * Default timeout 2 minutes. A VPC that does not exist ends the wait with the API's
 * NotFound error.
 *
 * @example
 * ```ts
 * const { VpcId } = await vpc.createVpc({ CidrBlock: "192.168.0.0/16" });
 * await waitForVpcAvailable(vpc, { VpcId });
 * ```
 */
export function waitForVpcAvailable(
  vpc: Pick<VpcClient, "describeVpcAttribute">,
  ref: RegionRef & { VpcId: string },
  options: WaiterOptions = {},
): Promise<VpcAttributes> {
  return waitUntil({
    ...DEFAULTS,
    ...defined(options),
    name: "waitForVpcAvailable",
    client: vpc,
    subject: ref.VpcId,
    poll: (call) => vpc.describeVpcAttribute({ ...regionOf(ref), VpcId: ref.VpcId }, call),
    check: untilAvailable,
  });
}

/**
 * Waits until a vSwitch is `Available` (DescribeVSwitchAttributes), i.e. instances can
 * be placed in it, and returns its attributes. Default timeout 2 minutes.
 */
export function waitForVSwitchAvailable(
  vpc: Pick<VpcClient, "describeVSwitchAttributes">,
  ref: RegionRef & { VSwitchId: string },
  options: WaiterOptions = {},
): Promise<VSwitchAttributes> {
  return waitUntil({
    ...DEFAULTS,
    ...defined(options),
    name: "waitForVSwitchAvailable",
    client: vpc,
    subject: ref.VSwitchId,
    poll: (call) =>
      vpc.describeVSwitchAttributes({ ...regionOf(ref), VSwitchId: ref.VSwitchId }, call),
    check: untilAvailable,
  });
}

/**
 * Waits until a NAT gateway is `Available` (GetNatGatewayAttribute), ready for EIPs and
 * SNAT/DNAT entries, and returns its attributes. Default timeout 2 minutes. Throws
 * {@link WaiterError} with reason `"failure"` when the gateway is `Deleting`.
 */
export function waitForNatGatewayAvailable(
  vpc: Pick<VpcClient, "getNatGatewayAttribute">,
  ref: RegionRef & { NatGatewayId: string },
  options: WaiterOptions = {},
): Promise<NatGatewayAttributes> {
  return waitUntil({
    ...DEFAULTS,
    ...defined(options),
    name: "waitForNatGatewayAvailable",
    client: vpc,
    subject: ref.NatGatewayId,
    poll: (call) =>
      vpc.getNatGatewayAttribute({ ...regionOf(ref), NatGatewayId: ref.NatGatewayId }, call),
    check: (answer): WaitDecision<NatGatewayAttributes> =>
      answer.Status === "Deleting"
        ? { state: "failure", status: answer.Status, resource: answer }
        : untilAvailable(answer),
  });
}

/**
 * Waits until an EIP has the wanted status (DescribeEipAddresses) and returns it:
 * `InUse` after AssociateEipAddress, `Available` after UnassociateEipAddress. Default
 * timeout 2 minutes. Throws {@link WaiterError} with reason `"failure"` when the EIP is
 * `Releasing` or no longer exists.
 *
 * @example
 * ```ts
 * await vpc.associateEipAddress({ AllocationId, InstanceId: natGatewayId, InstanceType: "Nat" });
 * await waitForEipStatus(vpc, { AllocationId }, { status: "InUse" });
 * ```
 */
export function waitForEipStatus(
  vpc: Pick<VpcClient, "describeEipAddresses">,
  ref: RegionRef & { AllocationId: string },
  options: EipWaiterOptions,
): Promise<EipAddress> {
  const { status: wanted, ...rest } = options;
  return waitUntil({
    ...DEFAULTS,
    ...defined(rest),
    name: `waitForEipStatus(${wanted})`,
    client: vpc,
    subject: ref.AllocationId,
    poll: (call) =>
      vpc.describeEipAddresses({ ...regionOf(ref), AllocationId: ref.AllocationId }, call),
    check: (answer): WaitDecision<EipAddress> => {
      const eip = answer.EipAddresses?.EipAddress?.find((e) => e.AllocationId === ref.AllocationId);
      if (!eip) return { state: "failure", detail: "not found: released, or never allocated" };
      const status = eip.Status;
      if (status === wanted) return { state: "success", value: eip, status };
      return { state: status === "Releasing" ? "failure" : "pending", status, resource: eip };
    },
  });
}
