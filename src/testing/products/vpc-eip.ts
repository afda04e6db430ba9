// VPC model, part 2: elastic IPs. One EIP binds to one instance only (a NAT gateway takes
// several); Associating / Unassociating take time.
import type { components, operations } from "../../../generated/vpc.js";
import { dependencyViolation, FakeApiError, notFound } from "../errors.js";
import type { EipInstanceType, EipRecord, World } from "../state.js";
import {
  type ActionContext,
  type ActionTable,
  hasTags,
  inRegion,
  isoTime,
  listOf,
  mergeTags,
  pageByNumber,
} from "./context.js";
import { eipOf, groupByEni } from "./links.js";

type EipAddress = components["schemas"]["EipAddress"];

/** The EIP as DescribeEipAddresses shows it. */
export function renderEip(eip: EipRecord): EipAddress {
  return {
    AllocationId: eip.id,
    AllocationTime: isoTime(eip.allocatedAt),
    IpAddress: eip.ip,
    Name: eip.name,
    Description: eip.description,
    Status: eip.status,
    RegionId: eip.regionId,
    Bandwidth: eip.bandwidth,
    EipBandwidth: eip.bandwidth,
    ISP: eip.isp,
    InternetChargeType: eip.internetChargeType,
    ChargeType: eip.chargeType,
    Netmode: eip.netmode,
    Mode: eip.mode,
    InstanceId: eip.instanceId,
    InstanceType: eip.instanceType,
    InstanceRegionId: eip.instanceRegionId,
    PrivateIpAddress: eip.privateIpAddress,
    VpcId: eip.vpcId,
    ResourceGroupId: eip.resourceGroupId,
    BusinessStatus: "Normal",
    DeletionProtection: false,
    ExpiredTime: "",
    HDMonitorStatus: "OFF",
    HasReservationData: "false",
    SecondLimited: false,
    ServiceManaged: 0,
    BandwidthPackageId: "",
    BandwidthPackageBandwidth: "",
    BandwidthPackageType: "",
    BizType: "",
    PublicIpAddressPoolId: "",
    SegmentInstanceId: "",
    Zone: "",
    OperationLocks: { LockReason: [] },
    SecurityProtectionTypes: { SecurityProtectionType: [...eip.securityProtectionTypes] },
    Tags: { Tag: eip.tags.map((t) => ({ ...t })) },
  };
}

/** The EIP of the call's region, or `InvalidAllocationId.NotFound`. */
export function findEip(context: ActionContext, allocationId: string): EipRecord {
  const eip = context.world.vpc.eips.get(allocationId);
  if (!eip || eip.regionId !== context.regionId) {
    throw notFound(
      "InvalidAllocationId.NotFound",
      `Specified allocation ID ${allocationId} does not exist.`,
    );
  }
  return eip;
}

const PREFIX_TYPES: [string, EipInstanceType][] = [
  ["ngw-", "Nat"],
  ["eni-", "NetworkInterface"],
  ["lb-", "SlbInstance"],
  ["i-", "EcsInstance"],
];

/** InstanceType as given, else guessed from the id's prefix (the real API assumes EcsInstance). */
function instanceTypeOf(instanceId: string, given: string | undefined): EipInstanceType {
  if (given) return given as EipInstanceType;
  return PREFIX_TYPES.find(([prefix]) => instanceId.startsWith(prefix))?.[1] ?? "EcsInstance";
}

/** Checks the target of an association and returns what the EIP record should say about it. */
function target(context: ActionContext, instanceId: string, type: EipInstanceType, eip: EipRecord) {
  const world = context.world;
  const duplicate = () =>
    new FakeApiError(
      "InvalidAssociation.Duplicated",
      `The instance ${instanceId} already has an EIP; one EIP binds to one instance and an instance takes one EIP.`,
    );
  switch (type) {
    case "Nat": {
      const nat = world.vpc.natGateways.get(instanceId);
      if (!nat || nat.regionId !== eip.regionId)
        throw notFound(
          "InvalidNatGatewayId.NotFound",
          `Specified NAT gateway ${instanceId} does not exist.`,
        );
      if (nat.status !== "Available")
        throw new FakeApiError(
          "IncorrectStatus.NatGateway",
          `The NAT gateway ${nat.id} is ${nat.status}.`,
        );
      return { vpcId: nat.vpcId, privateIp: "" };
    }
    case "NetworkInterface": {
      const group = groupByEni(world, instanceId);
      if (!group || group.regionId !== eip.regionId) {
        throw notFound(
          "InvalidNetworkInterfaceId.NotFound",
          `Specified network interface ${instanceId} does not exist.`,
        );
      }
      if (eipOf(world, instanceId)) throw duplicate();
      return { vpcId: group.vpcId, privateIp: group.ip };
    }
    case "SlbInstance": {
      const lb = world.slb.loadBalancers.get(instanceId);
      if (!lb || lb.regionId !== eip.regionId)
        throw notFound(
          "InvalidLoadBalancerId.NotFound",
          `Specified load balancer ${instanceId} does not exist.`,
        );
      if (lb.addressType !== "intranet") {
        throw new FakeApiError(
          "IncorrectInstanceStatus",
          `The load balancer ${lb.id} is internet-facing; only intranet ones take an EIP.`,
        );
      }
      if (eipOf(world, instanceId)) throw duplicate();
      return { vpcId: lb.vpcId, privateIp: lb.address };
    }
    default:
      // ECS instances, HaVips and IP addresses are not modelled: any id is accepted, once
      if (eipOf(world, instanceId)) throw duplicate();
      return { vpcId: "", privateIp: "" };
  }
}

/** Whether NAT entries still use an EIP of a NAT gateway. */
function natEntryUsing(world: World, eip: EipRecord): string | undefined {
  for (const entry of world.vpc.snatEntries.values())
    if (entry.snatIps.includes(eip.ip)) return "DependencyViolation.SnatEntry";
  for (const entry of world.vpc.forwardEntries.values())
    if (entry.externalIp === eip.ip) return "DependencyViolation.ForwardEntry";
  return undefined;
}

/** Handlers of the EIP actions. */
export const vpcEipActions: Pick<
  ActionTable<operations>,
  | "AllocateEipAddress"
  | "AssociateEipAddress"
  | "UnassociateEipAddress"
  | "ReleaseEipAddress"
  | "DescribeEipAddresses"
> = {
  AllocateEipAddress(context, input) {
    const eip: EipRecord = {
      id: context.ids.id("eip", context.regionId),
      regionId: context.regionId,
      ip: input.IpAddress ?? context.ids.publicIp(),
      name: input.Name ?? "",
      description: input.Description ?? "",
      bandwidth: input.Bandwidth ?? "5",
      isp: input.ISP ?? "BGP",
      internetChargeType: input.InternetChargeType ?? "PayByBandwidth",
      chargeType: input.InstanceChargeType ?? "PostPaid",
      netmode: input.Netmode ?? "public",
      status: "Available",
      allocatedAt: context.now,
      instanceId: "",
      instanceType: "",
      instanceRegionId: "",
      mode: "",
      privateIpAddress: "",
      vpcId: "",
      resourceGroupId: input.ResourceGroupId ?? context.world.resourceGroupId,
      tags: mergeTags([], input.Tag),
      securityProtectionTypes: input.SecurityProtectionTypes ?? [],
      generation: 0,
    };
    context.world.vpc.eips.set(eip.id, eip);
    const order =
      eip.chargeType === "PrePaid" ? { OrderId: Math.floor(context.ids.next() * 1e14) } : {};
    return {
      AllocationId: eip.id,
      EipAddress: eip.ip,
      ResourceGroupId: eip.resourceGroupId,
      ...order,
    };
  },

  AssociateEipAddress(context, input) {
    const eip = findEip(context, input.AllocationId);
    if (eip.status !== "Available") {
      throw new FakeApiError(
        "IncorrectEipStatus",
        `The EIP ${eip.id} is ${eip.status}${eip.instanceId ? ` (bound to ${eip.instanceId})` : ""}; one EIP binds to one instance only.`,
      );
    }
    const type = instanceTypeOf(input.InstanceId, input.InstanceType);
    const bound = target(context, input.InstanceId, type, eip);
    Object.assign(eip, {
      status: "Associating",
      instanceId: input.InstanceId,
      instanceType: type,
      instanceRegionId: input.InstanceRegionId ?? eip.regionId,
      mode: input.Mode ?? "NAT",
      privateIpAddress: input.PrivateIpAddress ?? bound.privateIp,
      vpcId: input.VpcId ?? bound.vpcId,
    });
    const generation = ++eip.generation;
    context.clock.schedule(context.now + context.durations.eipAssociation, () => {
      if (eip.generation === generation && eip.status === "Associating") eip.status = "InUse";
    });
    return {};
  },

  UnassociateEipAddress(context, input) {
    const eip = findEip(context, input.AllocationId);
    if (
      eip.status !== "InUse" ||
      (input.InstanceId !== undefined && input.InstanceId !== eip.instanceId)
    ) {
      throw new FakeApiError(
        "IncorrectEipStatus",
        `The EIP ${eip.id} is ${eip.status}${eip.instanceId ? ` on ${eip.instanceId}` : ""} and cannot be unassociated${input.InstanceId ? ` from ${input.InstanceId}` : ""}.`,
      );
    }
    if (eip.instanceType === "Nat" && !input.Force) {
      const user = natEntryUsing(context.world, eip);
      if (user)
        throw dependencyViolation(
          user,
          `The EIP ${eip.ip} is still used by a SNAT or DNAT entry of ${eip.instanceId}.`,
        );
    }
    eip.status = "Unassociating";
    const generation = ++eip.generation;
    context.clock.schedule(context.now + context.durations.eipAssociation, () => {
      if (eip.generation !== generation || eip.status !== "Unassociating") return;
      Object.assign(eip, {
        status: "Available",
        instanceId: "",
        instanceType: "",
        instanceRegionId: "",
        mode: "",
        privateIpAddress: "",
        vpcId: "",
      });
    });
    return {};
  },

  ReleaseEipAddress(context, input) {
    const eip = findEip(context, input.AllocationId);
    if (eip.status !== "Available") {
      throw new FakeApiError(
        "IncorrectEipStatus",
        `The EIP ${eip.id} is ${eip.status}; unassociate it before releasing.`,
      );
    }
    context.world.vpc.eips.delete(eip.id);
    return {};
  },

  DescribeEipAddresses(context, input) {
    const ids = listOf(input.AllocationId);
    const addresses = listOf(input.EipAddress);
    const list = inRegion(context, context.world.vpc.eips.values()).filter(
      (eip) =>
        (ids.length === 0 || ids.includes(eip.id)) &&
        (addresses.length === 0 || addresses.includes(eip.ip)) &&
        (input.EipName === undefined || eip.name === input.EipName) &&
        (input.Status === undefined || eip.status === input.Status) &&
        (input.AssociatedInstanceId === undefined ||
          eip.instanceId === input.AssociatedInstanceId) &&
        (input.AssociatedInstanceType === undefined ||
          eip.instanceType === input.AssociatedInstanceType) &&
        (input.ISP === undefined || eip.isp === input.ISP) &&
        (input.ChargeType === undefined || eip.chargeType === input.ChargeType) &&
        (input.ResourceGroupId === undefined || eip.resourceGroupId === input.ResourceGroupId) &&
        hasTags(eip.tags, input.Tag),
    );
    const { page, ...paging } = pageByNumber(list, input);
    return { ...paging, EipAddresses: { EipAddress: page.map(renderEip) } };
  },
};
