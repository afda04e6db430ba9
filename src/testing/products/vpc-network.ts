// VPC model, part 1: VPCs and VSwitches (Pending → Available, CIDR rules, dependencies).
import type { components, operations } from "../../../generated/vpc.js";
import { dependencyViolation, FakeApiError, incorrectStatus, notFound } from "../errors.js";
import { type Cidr, cidrContains, cidrOverlaps, parseCidr, usableAddresses } from "../net.js";
import type { VpcRecord, VSwitchRecord, World } from "../state.js";
import {
  type ActionTable,
  hasTags,
  inRegion,
  isoTime,
  listOf,
  mergeTags,
  pageByNumber,
} from "./context.js";
import { findVpc, findVSwitch } from "./links.js";

type Vpc = components["schemas"]["Vpc"];
type VSwitch = components["schemas"]["VSwitch"];

const PRIVATE_RANGES = ["10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16"].map(
  (c) => parseCidr(c) as Cidr,
);

/** The VPC as DescribeVpcs shows it. */
export function renderVpc(world: World, vpc: VpcRecord): Vpc {
  const vSwitchIds = [...world.vpc.vSwitches.values()]
    .filter((v) => v.vpcId === vpc.id)
    .map((v) => v.id);
  const natIds = [...world.vpc.natGateways.values()]
    .filter((n) => n.vpcId === vpc.id)
    .map((n) => n.id);
  return {
    VpcId: vpc.id,
    VpcName: vpc.name,
    Description: vpc.description,
    CidrBlock: vpc.cidr,
    CreationTime: isoTime(vpc.createdAt),
    Status: vpc.status,
    RegionId: vpc.regionId,
    VRouterId: vpc.vRouterId,
    IsDefault: false,
    OwnerId: world.ownerId,
    ResourceGroupId: vpc.resourceGroupId,
    EnabledIpv6: vpc.enableIpv6,
    Ipv6CidrBlock: "",
    CenStatus: "",
    DhcpOptionsSetId: "",
    DnsHostnameStatus: "DISABLED",
    VSwitchIds: { VSwitchId: vSwitchIds },
    NatGatewayIds: { NatGatewayIds: natIds },
    RouterTableIds: { RouterTableIds: [vpc.routeTableId] },
    SecondaryCidrBlocks: { SecondaryCidrBlock: [] },
    UserCidrs: { UserCidr: vpc.userCidrs },
    Tags: { Tag: vpc.tags.map((t) => ({ ...t })) },
  };
}

/** The VSwitch as DescribeVSwitches shows it. */
export function renderVSwitch(world: World, vSwitch: VSwitchRecord): VSwitch {
  const vpc = world.vpc.vpcs.get(vSwitch.vpcId);
  const cidr = parseCidr(vSwitch.cidr);
  return {
    VSwitchId: vSwitch.id,
    VSwitchName: vSwitch.name,
    Description: vSwitch.description,
    VpcId: vSwitch.vpcId,
    ZoneId: vSwitch.zoneId,
    CidrBlock: vSwitch.cidr,
    Status: vSwitch.status,
    CreationTime: isoTime(vSwitch.createdAt),
    AvailableIpAddressCount: cidr ? usableAddresses(cidr) - vSwitch.used.size : 0,
    IsDefault: false,
    EnabledIpv6: false,
    Ipv6CidrBlock: "",
    NetworkAclId: "",
    OwnerId: world.ownerId,
    ResourceGroupId: vSwitch.resourceGroupId,
    ShareType: "Sharing",
    RouteTable: { RouteTableId: vpc?.routeTableId ?? "", RouteTableType: "System" },
    Tags: { Tag: vSwitch.tags.map((t) => ({ ...t })) },
  };
}

function checkVpcCidr(text: string): string {
  const cidr = parseCidr(text);
  if (
    !cidr ||
    cidr.bits < 8 ||
    cidr.bits > 28 ||
    !PRIVATE_RANGES.some((range) => cidrContains(range, cidr))
  ) {
    throw new FakeApiError(
      "InvalidCidrBlock.Malformed",
      `Specified CIDR block ${text} is not valid: use 10.0.0.0/8, 172.16.0.0/12, 192.168.0.0/16 or a subnet of them (mask 8 to 28).`,
    );
  }
  return cidr.text;
}

function vpcDependents(world: World, vpc: VpcRecord) {
  return {
    vSwitches: [...world.vpc.vSwitches.values()].filter((v) => v.vpcId === vpc.id),
    natGateways: [...world.vpc.natGateways.values()].filter((n) => n.vpcId === vpc.id),
    securityGroups: [...world.ecs.securityGroups.values()].filter((g) => g.vpcId === vpc.id),
  };
}

function vSwitchUsers(world: World, vSwitch: VSwitchRecord): string | undefined {
  if ([...world.vpc.natGateways.values()].some((n) => n.vSwitchId === vSwitch.id))
    return "DependencyViolation.EnhancedNatgw";
  if ([...world.vpc.snatEntries.values()].some((e) => e.sourceVSwitchId === vSwitch.id))
    return "DependencyViolation.SnatEntry";
  if ([...world.eci.groups.values()].some((g) => g.vSwitchId === vSwitch.id))
    return "DependencyViolation.NetworkInterface";
  if ([...world.slb.loadBalancers.values()].some((lb) => lb.vSwitchId === vSwitch.id))
    return "DependencyViolation.SlbInstance";
  return undefined;
}

/** Handlers of the VPC and VSwitch actions. */
export const vpcNetworkActions: Pick<
  ActionTable<operations>,
  | "CreateVpc"
  | "DescribeVpcs"
  | "DescribeVpcAttribute"
  | "DeleteVpc"
  | "CreateVSwitch"
  | "DescribeVSwitches"
  | "DescribeVSwitchAttributes"
  | "DeleteVSwitch"
> = {
  CreateVpc(context, input) {
    const vpc: VpcRecord = {
      id: context.ids.id("vpc", context.regionId),
      regionId: context.regionId,
      name: input.VpcName ?? "",
      description: input.Description ?? "",
      cidr: checkVpcCidr(input.CidrBlock ?? "172.16.0.0/12"),
      userCidrs: listOf(input.UserCidr),
      status: "Pending",
      createdAt: context.now,
      vRouterId: context.ids.id("vrt", context.regionId),
      routeTableId: context.ids.id("vtb", context.regionId),
      resourceGroupId: input.ResourceGroupId ?? context.world.resourceGroupId,
      tags: mergeTags([], input.Tag),
      enableIpv6: input.EnableIpv6 ?? false,
    };
    context.world.vpc.vpcs.set(vpc.id, vpc);
    context.clock.schedule(context.now + context.durations.vpc, () => {
      vpc.status = "Available";
    });
    return {
      VpcId: vpc.id,
      VRouterId: vpc.vRouterId,
      RouteTableId: vpc.routeTableId,
      ResourceGroupId: vpc.resourceGroupId,
    };
  },

  DescribeVpcs(context, input) {
    const ids = listOf(input.VpcId);
    const vpcs = inRegion(context, context.world.vpc.vpcs.values()).filter(
      (vpc) =>
        (ids.length === 0 || ids.includes(vpc.id)) &&
        (input.VpcName === undefined || vpc.name === input.VpcName) &&
        input.IsDefault !== true &&
        (input.ResourceGroupId === undefined || vpc.resourceGroupId === input.ResourceGroupId) &&
        hasTags(vpc.tags, input.Tag),
    );
    const { page, ...paging } = pageByNumber(vpcs, input);
    return { ...paging, Vpcs: { Vpc: page.map((vpc) => renderVpc(context.world, vpc)) } };
  },

  DescribeVpcAttribute(context, input) {
    const vpc = findVpc(context, input.VpcId);
    const {
      VSwitchIds,
      Tags,
      CenStatus: _c,
      NatGatewayIds: _n,
      RouterTableIds: _r,
      ...view
    } = renderVpc(context.world, vpc);
    const dependents = vpcDependents(context.world, vpc);
    return {
      ...view,
      VSwitchIds,
      Tags,
      IsDefault: false,
      ClassicLinkEnabled: false,
      SupportIpv4Gateway: true,
      Ipv4GatewayId: "",
      DhcpOptionsSetStatus: "Available",
      AssociatedCens: { AssociatedCen: [] },
      CloudResources: {
        CloudResourceSetType: [
          { ResourceType: "VSwitch", ResourceCount: dependents.vSwitches.length },
          { ResourceType: "VRouter", ResourceCount: 1 },
          { ResourceType: "RouteTable", ResourceCount: 1 },
        ],
      },
    };
  },

  DeleteVpc(context, input) {
    const vpc = findVpc(context, input.VpcId);
    if (vpc.status !== "Available")
      throw incorrectStatus(`The VPC ${vpc.id} is ${vpc.status}.`, "IncorrectVpcStatus");
    const world = context.world;
    const dependents = vpcDependents(world, vpc);
    if (input.ForceDelete) {
      for (const vSwitch of dependents.vSwitches)
        if (!vSwitchUsers(world, vSwitch)) world.vpc.vSwitches.delete(vSwitch.id);
      dependents.vSwitches = dependents.vSwitches.filter((v) => world.vpc.vSwitches.has(v.id));
    }
    if (dependents.vSwitches.length) {
      throw dependencyViolation(
        "DependencyViolation.VSwitch",
        `The VPC ${vpc.id} still has VSwitches: ${dependents.vSwitches.map((v) => v.id).join(", ")}.`,
      );
    }
    if (dependents.natGateways.length) {
      throw dependencyViolation(
        "DependencyViolation.NatGateway",
        `The VPC ${vpc.id} still has NAT gateways.`,
      );
    }
    if (dependents.securityGroups.length) {
      throw dependencyViolation(
        "DependencyViolation.SecurityGroup",
        `The VPC ${vpc.id} still has security groups.`,
      );
    }
    world.vpc.vpcs.delete(vpc.id);
    return {};
  },

  CreateVSwitch(context, input) {
    const vpc = findVpc(context, input.VpcId);
    if (vpc.status !== "Available") {
      throw incorrectStatus(
        `The VPC ${vpc.id} is ${vpc.status}; wait until it is Available.`,
        "IncorrectVpcStatus",
      );
    }
    if (!context.regions[context.regionId]?.includes(input.ZoneId)) {
      throw notFound(
        "InvalidZoneId.NotFound",
        `The specified zone ${input.ZoneId} does not exist in ${context.regionId}.`,
      );
    }
    const cidr = parseCidr(input.CidrBlock);
    const vpcCidrs = [vpc.cidr, ...vpc.userCidrs]
      .map((c) => parseCidr(c))
      .filter((c) => c !== undefined);
    if (
      !cidr ||
      cidr.bits < 16 ||
      cidr.bits > 29 ||
      !vpcCidrs.some((outer) => cidrContains(outer, cidr))
    ) {
      throw new FakeApiError(
        "InvalidCidrBlock.Malformed",
        `Specified CIDR block ${input.CidrBlock} is not valid: it must lie in the VPC's ${vpc.cidr} with a mask of 16 to 29.`,
      );
    }
    const siblings = [...context.world.vpc.vSwitches.values()].filter((v) => v.vpcId === vpc.id);
    const clash = siblings.find((v) => cidrOverlaps(parseCidr(v.cidr) as Cidr, cidr));
    if (clash) {
      throw new FakeApiError(
        "InvalidCidrBlock.Overlapped",
        `Specified CIDR block ${cidr.text} overlaps with VSwitch ${clash.id} (${clash.cidr}).`,
      );
    }
    if (siblings.length >= 150)
      throw new FakeApiError("QuotaExceeded.VSwitch", "A VPC has at most 150 VSwitches.");
    const vSwitch: VSwitchRecord = {
      id: context.ids.id("vsw", context.regionId),
      vpcId: vpc.id,
      regionId: context.regionId,
      zoneId: input.ZoneId,
      cidr: cidr.text,
      name: input.VSwitchName ?? "",
      description: input.Description ?? "",
      status: "Pending",
      createdAt: context.now,
      tags: mergeTags([], input.Tag),
      resourceGroupId: vpc.resourceGroupId,
      nextHost: 0,
      used: new Set(),
    };
    context.world.vpc.vSwitches.set(vSwitch.id, vSwitch);
    context.clock.schedule(context.now + context.durations.vSwitch, () => {
      vSwitch.status = "Available";
    });
    return { VSwitchId: vSwitch.id };
  },

  DescribeVSwitches(context, input) {
    const list = inRegion(context, context.world.vpc.vSwitches.values()).filter(
      (v) =>
        (input.VSwitchId === undefined || listOf(input.VSwitchId).includes(v.id)) &&
        (input.VpcId === undefined || v.vpcId === input.VpcId) &&
        (input.ZoneId === undefined || v.zoneId === input.ZoneId) &&
        (input.VSwitchName === undefined || v.name === input.VSwitchName) &&
        input.IsDefault !== true &&
        (input.ResourceGroupId === undefined || v.resourceGroupId === input.ResourceGroupId) &&
        (input.RouteTableId === undefined ||
          context.world.vpc.vpcs.get(v.vpcId)?.routeTableId === input.RouteTableId) &&
        hasTags(v.tags, input.Tag),
    );
    const { page, ...paging } = pageByNumber(list, input);
    return { ...paging, VSwitches: { VSwitch: page.map((v) => renderVSwitch(context.world, v)) } };
  },

  DescribeVSwitchAttributes(context, input) {
    const vSwitch = findVSwitch(context, input.VSwitchId);
    return renderVSwitch(context.world, vSwitch);
  },

  DeleteVSwitch(context, input) {
    const vSwitch = findVSwitch(context, input.VSwitchId);
    if (vSwitch.status !== "Available") {
      throw incorrectStatus(
        `The VSwitch ${vSwitch.id} is ${vSwitch.status}.`,
        "IncorrectVSwitchStatus",
      );
    }
    const user = vSwitchUsers(context.world, vSwitch);
    if (user) throw dependencyViolation(user, `The VSwitch ${vSwitch.id} is still in use.`);
    context.world.vpc.vSwitches.delete(vSwitch.id);
    return {};
  },
};
