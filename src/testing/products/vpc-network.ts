// VPC model, part 1: VPCs and VSwitches (Pending → Available, CIDR rules, dependencies).
import type { components, operations } from "../../../generated/vpc.js";
import { dependencyViolation, FakeApiError, incorrectStatus, notFound } from "../errors.js";
import { type Cidr, cidrContains, cidrOverlaps, parseCidr, usableAddresses } from "../net.js";
import type { VpcRecord, VSwitchRecord, World } from "../state.js";
import { type ActionTable, isoTime, listOf, mergeTags } from "./context.js";
import { oneOf, tagged, where } from "./filter.js";
import { availableVpc } from "./links.js";
import { pageByNumber } from "./paging.js";
import { apiFields } from "./table.js";

type Vpc = components["schemas"]["Vpc"];
type VSwitch = components["schemas"]["VSwitch"];

const PRIVATE_RANGES = ["10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16"].map(
  (c) => parseCidr(c) as Cidr,
);

/** The VPC as DescribeVpcs shows it. */
export function renderVpc(world: World, vpc: VpcRecord): Vpc {
  const { userCidrs, routeTableId, tags } = vpc;
  const of = <T extends { VpcId: string }, K extends keyof T>(table: Iterable<T>, key: K) =>
    [...table].filter((r) => r.VpcId === vpc.VpcId).map((r) => r[key] as string);
  return {
    ...apiFields(vpc),
    IsDefault: false,
    OwnerId: world.ownerId,
    Ipv6CidrBlock: "",
    CenStatus: "",
    DhcpOptionsSetId: "",
    DnsHostnameStatus: "DISABLED",
    VSwitchIds: { VSwitchId: of(world.vpc.vSwitches.values(), "VSwitchId") },
    NatGatewayIds: { NatGatewayIds: of(world.vpc.natGateways.values(), "NatGatewayId") },
    RouterTableIds: { RouterTableIds: [routeTableId] },
    SecondaryCidrBlocks: { SecondaryCidrBlock: [] },
    UserCidrs: { UserCidr: userCidrs },
    Tags: { Tag: tags.map((t) => ({ ...t })) },
  };
}

/** The VSwitch as DescribeVSwitches shows it. */
export function renderVSwitch(world: World, vSwitch: VSwitchRecord): VSwitch {
  const { RegionId: _, ...fields } = apiFields(vSwitch);
  const cidr = parseCidr(vSwitch.CidrBlock);
  return {
    ...fields,
    AvailableIpAddressCount: cidr ? usableAddresses(cidr) - vSwitch.used.size : 0,
    IsDefault: false,
    EnabledIpv6: false,
    Ipv6CidrBlock: "",
    NetworkAclId: "",
    OwnerId: world.ownerId,
    ShareType: "Sharing",
    RouteTable: {
      RouteTableId: world.vpc.vpcs.get(vSwitch.VpcId)?.routeTableId ?? "",
      RouteTableType: "System",
    },
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
    vSwitches: [...world.vpc.vSwitches.values()].filter((v) => v.VpcId === vpc.VpcId),
    natGateways: [...world.vpc.natGateways.values()].filter((n) => n.VpcId === vpc.VpcId),
    securityGroups: [...world.ecs.securityGroups.values()].filter((g) => g.VpcId === vpc.VpcId),
  };
}

function vSwitchUsers(world: World, vSwitch: VSwitchRecord): string | undefined {
  const id = vSwitch.VSwitchId;
  if ([...world.vpc.natGateways.values()].some((n) => n.vSwitchId === id))
    return "DependencyViolation.EnhancedNatgw";
  if ([...world.vpc.snatEntries.values()].some((e) => e.SourceVSwitchId === id))
    return "DependencyViolation.SnatEntry";
  if ([...world.eci.groups.values()].some((g) => g.VSwitchId === id))
    return "DependencyViolation.NetworkInterface";
  if ([...world.slb.loadBalancers.values()].some((lb) => lb.VSwitchId === id))
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
    const vpc = context.world.vpc.vpcs.create(context, () => ({
      VpcName: input.VpcName ?? "",
      Description: input.Description ?? "",
      CidrBlock: checkVpcCidr(input.CidrBlock ?? "172.16.0.0/12"),
      Status: "Pending",
      CreationTime: isoTime(context.now),
      VRouterId: context.ids.id("vrt", context.regionId),
      ResourceGroupId: input.ResourceGroupId ?? context.world.resourceGroupId,
      EnabledIpv6: input.EnableIpv6 ?? false,
      userCidrs: listOf(input.UserCidr),
      routeTableId: context.ids.id("vtb", context.regionId),
      tags: mergeTags([], input.Tag),
    }));
    context.clock.schedule(context.now + context.durations.vpc, () => {
      vpc.Status = "Available";
    });
    const { VpcId, VRouterId, ResourceGroupId } = vpc;
    return { VpcId, VRouterId, RouteTableId: vpc.routeTableId, ResourceGroupId };
  },

  DescribeVpcs(context, input) {
    const vpcs = context.world.vpc.vpcs.inRegion(context).filter(
      where(input, ["VpcName", "ResourceGroupId"], {
        VpcId: oneOf("VpcId"),
        IsDefault: (_, isDefault) => !isDefault,
        Tag: tagged,
      }),
    );
    const { page, ...paging } = pageByNumber(vpcs, input);
    return { ...paging, Vpcs: { Vpc: page.map((vpc) => renderVpc(context.world, vpc)) } };
  },

  DescribeVpcAttribute(context, input) {
    const vpc = context.world.vpc.vpcs.find(context, input.VpcId);
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
    const vpc = context.world.vpc.vpcs.find(context, input.VpcId);
    if (vpc.Status !== "Available")
      throw incorrectStatus(`The VPC ${vpc.VpcId} is ${vpc.Status}.`, "IncorrectVpcStatus");
    const world = context.world;
    const dependents = vpcDependents(world, vpc);
    if (input.ForceDelete) {
      for (const vSwitch of dependents.vSwitches)
        if (!vSwitchUsers(world, vSwitch)) world.vpc.vSwitches.delete(vSwitch.VSwitchId);
      dependents.vSwitches = dependents.vSwitches.filter((v) =>
        world.vpc.vSwitches.has(v.VSwitchId),
      );
    }
    if (dependents.vSwitches.length) {
      throw dependencyViolation(
        "DependencyViolation.VSwitch",
        `The VPC ${vpc.VpcId} still has VSwitches: ${dependents.vSwitches.map((v) => v.VSwitchId).join(", ")}.`,
      );
    }
    if (dependents.natGateways.length) {
      throw dependencyViolation(
        "DependencyViolation.NatGateway",
        `The VPC ${vpc.VpcId} still has NAT gateways.`,
      );
    }
    if (dependents.securityGroups.length) {
      throw dependencyViolation(
        "DependencyViolation.SecurityGroup",
        `The VPC ${vpc.VpcId} still has security groups.`,
      );
    }
    world.vpc.vpcs.delete(vpc.VpcId);
    return {};
  },

  CreateVSwitch(context, input) {
    const vpc = availableVpc(context, input.VpcId);
    if (!context.regions[context.regionId]?.includes(input.ZoneId)) {
      throw notFound(
        "InvalidZoneId.NotFound",
        `The specified zone ${input.ZoneId} does not exist in ${context.regionId}.`,
      );
    }
    const cidr = parseCidr(input.CidrBlock);
    const vpcCidrs = [vpc.CidrBlock, ...vpc.userCidrs]
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
        `Specified CIDR block ${input.CidrBlock} is not valid: it must lie in the VPC's ${vpc.CidrBlock} with a mask of 16 to 29.`,
      );
    }
    const siblings = [...context.world.vpc.vSwitches.values()].filter((v) => v.VpcId === vpc.VpcId);
    const clash = siblings.find((v) => cidrOverlaps(parseCidr(v.CidrBlock) as Cidr, cidr));
    if (clash) {
      throw new FakeApiError(
        "InvalidCidrBlock.Overlapped",
        `Specified CIDR block ${cidr.text} overlaps with VSwitch ${clash.VSwitchId} (${clash.CidrBlock}).`,
      );
    }
    if (siblings.length >= 150)
      throw new FakeApiError("QuotaExceeded.VSwitch", "A VPC has at most 150 VSwitches.");
    const vSwitch = context.world.vpc.vSwitches.create(context, {
      VpcId: vpc.VpcId,
      ZoneId: input.ZoneId,
      CidrBlock: cidr.text,
      VSwitchName: input.VSwitchName ?? "",
      Description: input.Description ?? "",
      Status: "Pending",
      CreationTime: isoTime(context.now),
      ResourceGroupId: vpc.ResourceGroupId,
      tags: mergeTags([], input.Tag),
      nextHost: 0,
      used: new Set(),
    });
    context.clock.schedule(context.now + context.durations.vSwitch, () => {
      vSwitch.Status = "Available";
    });
    return { VSwitchId: vSwitch.VSwitchId };
  },

  DescribeVSwitches(context, input) {
    const list = context.world.vpc.vSwitches.inRegion(context).filter(
      where(input, ["VpcId", "ZoneId", "VSwitchName", "ResourceGroupId"], {
        VSwitchId: (v, ids) => listOf(ids).includes(v.VSwitchId),
        IsDefault: (_, isDefault) => !isDefault,
        RouteTableId: (v, id) => context.world.vpc.vpcs.get(v.VpcId)?.routeTableId === id,
        Tag: tagged,
      }),
    );
    const { page, ...paging } = pageByNumber(list, input);
    return { ...paging, VSwitches: { VSwitch: page.map((v) => renderVSwitch(context.world, v)) } };
  },

  DescribeVSwitchAttributes(context, input) {
    const vSwitch = context.world.vpc.vSwitches.find(context, input.VSwitchId);
    return renderVSwitch(context.world, vSwitch);
  },

  DeleteVSwitch(context, input) {
    const vSwitch = context.world.vpc.vSwitches.find(context, input.VSwitchId);
    if (vSwitch.Status !== "Available") {
      throw incorrectStatus(
        `The VSwitch ${vSwitch.VSwitchId} is ${vSwitch.Status}.`,
        "IncorrectVSwitchStatus",
      );
    }
    const user = vSwitchUsers(context.world, vSwitch);
    if (user) throw dependencyViolation(user, `The VSwitch ${vSwitch.VSwitchId} is still in use.`);
    context.world.vpc.vSwitches.delete(vSwitch.VSwitchId);
    return {};
  },
};
