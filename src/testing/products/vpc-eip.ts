// VPC model, part 2: elastic IPs. One EIP binds to one instance only (a NAT gateway takes
// several); Associating / Unassociating take time.
import type { components, operations } from "../../../generated/vpc.js";
import { dependencyViolation, FakeApiError, notFound } from "../errors.js";
import type { EipInstanceType, EipRecord, World } from "../state.js";
import { type ActionContext, type ActionTable, isoTime, listOf, mergeTags } from "./context.js";
import { oneOf, tagged, where } from "./filter.js";
import { associateEip, eipOf, freeEip, groupByEni } from "./links.js";
import { pageByNumber } from "./paging.js";
import { apiFields } from "./table.js";

type EipAddress = components["schemas"]["EipAddress"];

/** What DescribeEipAddresses says of every EIP: features the fake does not model. */
const EIP_DEFAULTS = {
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
} satisfies Partial<EipAddress>;

/** The EIP as DescribeEipAddresses shows it. */
export function renderEip(eip: EipRecord): EipAddress {
  const { tags, securityProtectionTypes } = eip;
  return {
    ...apiFields(eip),
    ...EIP_DEFAULTS,
    EipBandwidth: eip.Bandwidth,
    OperationLocks: { LockReason: [] },
    SecurityProtectionTypes: { SecurityProtectionType: [...securityProtectionTypes] },
    Tags: { Tag: tags.map((t) => ({ ...t })) },
  };
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
      const nat = world.vpc.natGateways.find(context, instanceId);
      if (nat.Status !== "Available")
        throw new FakeApiError(
          "IncorrectStatus.NatGateway",
          `The NAT gateway ${nat.NatGatewayId} is ${nat.Status}.`,
        );
      return { vpcId: nat.VpcId, privateIp: "" };
    }
    case "NetworkInterface": {
      const group = groupByEni(world, instanceId);
      if (!group || group.RegionId !== eip.RegionId) {
        throw notFound(
          "InvalidNetworkInterfaceId.NotFound",
          `Specified network interface ${instanceId} does not exist.`,
        );
      }
      if (eipOf(world, instanceId)) throw duplicate();
      return { vpcId: group.VpcId, privateIp: group.IntranetIp };
    }
    case "SlbInstance": {
      const lb = world.slb.loadBalancers.get(instanceId);
      if (!lb || lb.RegionId !== eip.RegionId)
        throw notFound(
          "InvalidLoadBalancerId.NotFound",
          `Specified load balancer ${instanceId} does not exist.`,
        );
      if (lb.AddressType !== "intranet") {
        throw new FakeApiError(
          "IncorrectInstanceStatus",
          `The load balancer ${lb.LoadBalancerId} is internet-facing; only intranet ones take an EIP.`,
        );
      }
      if (eipOf(world, instanceId)) throw duplicate();
      return { vpcId: lb.VpcId, privateIp: lb.Address };
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
    if (listOf(entry.SnatIp).includes(eip.IpAddress)) return "DependencyViolation.SnatEntry";
  for (const entry of world.vpc.forwardEntries.values())
    if (entry.ExternalIp === eip.IpAddress) return "DependencyViolation.ForwardEntry";
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
    const eip = context.world.vpc.eips.create(context, () => ({
      IpAddress: input.IpAddress ?? context.ids.publicIp(),
      Name: input.Name ?? "",
      Description: input.Description ?? "",
      Bandwidth: input.Bandwidth ?? "5",
      ISP: input.ISP ?? "BGP",
      InternetChargeType: input.InternetChargeType ?? "PayByBandwidth",
      ChargeType: input.InstanceChargeType ?? "PostPaid",
      Netmode: input.Netmode ?? "public",
      Status: "Available",
      AllocationTime: isoTime(context.now),
      InstanceId: "",
      InstanceType: "",
      InstanceRegionId: "",
      Mode: "",
      PrivateIpAddress: "",
      VpcId: "",
      ResourceGroupId: input.ResourceGroupId ?? context.world.resourceGroupId,
      tags: mergeTags([], input.Tag),
      securityProtectionTypes: input.SecurityProtectionTypes ?? [],
      generation: 0,
    }));
    const order =
      eip.ChargeType === "PrePaid" ? { OrderId: Math.floor(context.ids.next() * 1e14) } : {};
    const { AllocationId, IpAddress: EipAddress, ResourceGroupId } = eip;
    return { AllocationId, EipAddress, ResourceGroupId, ...order };
  },

  AssociateEipAddress(context, input) {
    const eip = context.world.vpc.eips.find(context, input.AllocationId);
    if (eip.Status !== "Available") {
      throw new FakeApiError(
        "IncorrectEipStatus",
        `The EIP ${eip.AllocationId} is ${eip.Status}${eip.InstanceId ? ` (bound to ${eip.InstanceId})` : ""}; one EIP binds to one instance only.`,
      );
    }
    const type = instanceTypeOf(input.InstanceId, input.InstanceType);
    const bound = target(context, input.InstanceId, type, eip);
    associateEip(context, eip, {
      InstanceId: input.InstanceId,
      InstanceType: type,
      InstanceRegionId: input.InstanceRegionId ?? eip.RegionId,
      Mode: input.Mode ?? "NAT",
      PrivateIpAddress: input.PrivateIpAddress ?? bound.privateIp,
      VpcId: input.VpcId ?? bound.vpcId,
    });
    return {};
  },

  UnassociateEipAddress(context, input) {
    const eip = context.world.vpc.eips.find(context, input.AllocationId);
    if (
      eip.Status !== "InUse" ||
      (input.InstanceId !== undefined && input.InstanceId !== eip.InstanceId)
    ) {
      throw new FakeApiError(
        "IncorrectEipStatus",
        `The EIP ${eip.AllocationId} is ${eip.Status}${eip.InstanceId ? ` on ${eip.InstanceId}` : ""} and cannot be unassociated${input.InstanceId ? ` from ${input.InstanceId}` : ""}.`,
      );
    }
    if (eip.InstanceType === "Nat" && !input.Force) {
      const user = natEntryUsing(context.world, eip);
      if (user)
        throw dependencyViolation(
          user,
          `The EIP ${eip.IpAddress} is still used by a SNAT or DNAT entry of ${eip.InstanceId}.`,
        );
    }
    eip.Status = "Unassociating";
    const generation = ++eip.generation;
    context.clock.schedule(context.now + context.durations.eipAssociation, () => {
      if (eip.generation === generation && eip.Status === "Unassociating") freeEip(eip);
    });
    return {};
  },

  ReleaseEipAddress(context, input) {
    const eip = context.world.vpc.eips.find(context, input.AllocationId);
    if (eip.Status !== "Available") {
      throw new FakeApiError(
        "IncorrectEipStatus",
        `The EIP ${eip.AllocationId} is ${eip.Status}; unassociate it before releasing.`,
      );
    }
    context.world.vpc.eips.delete(eip.AllocationId);
    return {};
  },

  DescribeEipAddresses(context, input) {
    const list = context.world.vpc.eips.inRegion(context).filter(
      where(input, ["Status", "ISP", "ChargeType", "ResourceGroupId"], {
        AllocationId: oneOf("AllocationId"),
        EipAddress: oneOf("IpAddress"),
        EipName: "Name",
        AssociatedInstanceId: "InstanceId",
        AssociatedInstanceType: "InstanceType",
        Tag: tagged,
      }),
    );
    const { page, ...paging } = pageByNumber(list, input);
    return { ...paging, EipAddresses: { EipAddress: page.map(renderEip) } };
  },
};
