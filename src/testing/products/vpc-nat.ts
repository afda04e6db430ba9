// VPC model, part 3: NAT gateways (Creating → Available). Their SNAT and DNAT tables live in
// vpc-nat-entries; what an EIP bound to a gateway is used for is read from those tables.
import type { components, operations } from "../../../generated/vpc.js";
import { dependencyViolation, FakeApiError, incorrectStatus, missingParameter } from "../errors.js";
import type { EipRecord, NatGatewayRecord, World } from "../state.js";
import { type ActionTable, isoTime, listOf, mergeTags } from "./context.js";
import { tagged, where } from "./filter.js";
import { allocateIp, availableVpc, freeEip, releaseIp } from "./links.js";
import { pageByNumber } from "./paging.js";
import { apiFields } from "./table.js";

type NatGateway = components["schemas"]["NatGateway"];

/** The EIPs bound to a NAT gateway. */
export const natEips = (world: World, nat: NatGatewayRecord): EipRecord[] =>
  [...world.vpc.eips.values()].filter(
    (eip) => eip.InstanceId === nat.NatGatewayId && eip.InstanceType === "Nat",
  );

/** What an EIP of a NAT gateway is used for. */
function usingStatus(world: World, eip: EipRecord): string {
  if ([...world.vpc.snatEntries.values()].some((e) => listOf(e.SnatIp).includes(eip.IpAddress)))
    return "UsedBySnatTable";
  if ([...world.vpc.forwardEntries.values()].some((e) => e.ExternalIp === eip.IpAddress))
    return "UsedByForwardTable";
  return "Idle";
}

/** The SNAT and DNAT entries of a NAT gateway. */
const entriesOf = (world: World, nat: NatGatewayRecord) => ({
  snat: [...world.vpc.snatEntries.values()].filter((e) => e.NatGatewayId === nat.NatGatewayId),
  dnat: [...world.vpc.forwardEntries.values()].filter((e) => e.NatGatewayId === nat.NatGatewayId),
});

const zoneOf = (world: World, nat: NatGatewayRecord) =>
  world.vpc.vSwitches.get(nat.vSwitchId)?.ZoneId ?? "";

/** What both views of a gateway say of features the fake does not model. */
const NOT_MODELLED = {
  BusinessStatus: "Normal",
  ExpiredTime: "",
  EcsMetricEnabled: false,
  PrivateLinkEnabled: false,
} as const;

/** The NAT gateway as DescribeNatGateways shows it. */
export function renderNatGateway(world: World, nat: NatGatewayRecord): NatGateway {
  const { snatTableId, forwardTableId, fullNatTableId, privateIp, eniId, vSwitchId, tags } = nat;
  return {
    ...apiFields(nat),
    ...NOT_MODELLED,
    InstanceChargeType: "PostPaid",
    InternetChargeType: "PayByLcu",
    AutoPay: false,
    DeletionProtection: false,
    EnableSessionLog: "false",
    SecurityProtectionEnabled: false,
    SnatTableIds: { SnatTableId: [snatTableId] },
    ForwardTableIds: { ForwardTableId: [forwardTableId] },
    FullNatTableIds: { FullNatTableId: [fullNatTableId] },
    IpLists: {
      IpList: natEips(world, nat).map((eip) => ({
        AllocationId: eip.AllocationId,
        IpAddress: eip.IpAddress,
        PrivateIpAddress: privateIp,
        SnatEntryEnabled: usingStatus(world, eip) === "UsedBySnatTable",
        UsingStatus: usingStatus(world, eip),
      })),
    },
    IpPrefixList: { IpPrefixList: [] },
    NatGatewayPrivateInfo: {
      EniInstanceId: eniId,
      EniType: "indirect",
      IzNo: zoneOf(world, nat),
      MaxBandwidth: 5120,
      MaxSessionEstablishRate: 100000,
      MaxSessionQuota: 2000000,
      PrivateIpAddress: privateIp,
      VswitchId: vSwitchId,
    },
    Tags: { Tag: tags.map((t) => ({ TagKey: t.Key, TagValue: t.Value })) },
  };
}

/** Handlers of the NAT gateway actions. */
export const vpcNatActions: Pick<
  ActionTable<operations>,
  "CreateNatGateway" | "DescribeNatGateways" | "GetNatGatewayAttribute" | "DeleteNatGateway"
> = {
  CreateNatGateway(context, input) {
    const vpc = availableVpc(context, input.VpcId);
    if (!input.VSwitchId) throw missingParameter("VSwitchId");
    const vSwitch = context.world.vpc.vSwitches.find(context, input.VSwitchId);
    if (vSwitch.VpcId !== vpc.VpcId) {
      throw new FakeApiError(
        "InvalidParameter",
        `The specified parameter "VSwitchId" is not valid: ${vSwitch.VSwitchId} is not in ${vpc.VpcId}.`,
      );
    }
    if (vSwitch.Status !== "Available") {
      throw incorrectStatus(
        `The VSwitch ${vSwitch.VSwitchId} is ${vSwitch.Status}.`,
        "IncorrectVSwitchStatus",
      );
    }
    const id = (prefix: string) => context.ids.id(prefix, context.regionId);
    const nat = context.world.vpc.natGateways.create(context, () => ({
      VpcId: vpc.VpcId,
      Name: input.Name ?? "",
      Description: input.Description ?? "",
      Status: "Creating",
      CreationTime: isoTime(context.now),
      snatTableId: id("stb"),
      forwardTableId: id("ftb"),
      fullNatTableId: id("fulltb"),
      NatType: input.NatType ?? "Enhanced",
      NetworkType: (input.NetworkType ?? "internet") as NatGatewayRecord["NetworkType"],
      EipBindMode: input.EipBindMode ?? "MULTI_BINDED",
      Spec: input.Spec ?? "",
      privateIp: input.NatIp ?? allocateIp(vSwitch),
      eniId: id("eni"),
      IcmpReplyEnabled: input.IcmpReplyEnabled ?? true,
      ResourceGroupId: context.world.resourceGroupId,
      ...(input.AccessMode ? { AccessMode: input.AccessMode } : {}),
      vSwitchId: vSwitch.VSwitchId,
      tags: mergeTags([], input.Tag),
    }));
    if (input.NatIp) vSwitch.used.add(input.NatIp);
    context.clock.schedule(context.now + context.durations.natGateway, () => {
      if (nat.Status === "Creating") nat.Status = "Available";
    });
    return {
      NatGatewayId: nat.NatGatewayId,
      SnatTableIds: { SnatTableId: [nat.snatTableId] },
      ForwardTableIds: { ForwardTableId: [nat.forwardTableId] },
      FullNatTableIds: { FullNatTableId: [nat.fullNatTableId] },
    };
  },

  DescribeNatGateways(context, input) {
    const world = context.world;
    const list = world.vpc.natGateways.inRegion(context).filter(
      where(
        input,
        ["VpcId", "Name", "Status", "NatType", "NetworkType", "Spec", "ResourceGroupId"],
        {
          NatGatewayId: (nat, ids) => listOf(ids).includes(nat.NatGatewayId),
          ZoneId: (nat, zone) => zoneOf(world, nat) === zone,
          Tag: tagged,
        },
      ),
    );
    const { page, ...paging } = pageByNumber(list, input);
    return {
      ...paging,
      NatGateways: { NatGateway: page.map((nat) => renderNatGateway(world, nat)) },
    };
  },

  GetNatGatewayAttribute(context, input) {
    const world = context.world;
    const nat = world.vpc.natGateways.find(context, input.NatGatewayId);
    const { Spec, EipBindMode: _b, IcmpReplyEnabled: _i, ...fields } = apiFields(nat);
    const { snat, dnat } = entriesOf(world, nat);
    return {
      ...fields,
      ...NOT_MODELLED,
      EnableSessionLog: false,
      BillingConfig: {
        AutoPay: "false",
        InstanceChargeType: "PostPaid",
        InternetChargeType: "PayByLcu",
        Spec,
      },
      DeletionProtectionInfo: { Enabled: false },
      IpList: natEips(world, nat).map((eip) => ({
        AllocationId: eip.AllocationId,
        IpAddress: eip.IpAddress,
        UsingStatus: usingStatus(world, eip),
      })),
      PrivateInfo: {
        EniInstanceId: nat.eniId,
        IzNo: zoneOf(world, nat),
        MaxBandwidth: 5120,
        PrivateIpAddress: nat.privateIp,
        VswitchId: nat.vSwitchId,
      },
      SnatTable: { SnatTableId: nat.snatTableId, SnatEntryCount: snat.length },
      ForwardTable: { ForwardTableId: nat.forwardTableId, ForwardEntryCount: dnat.length },
      FullNatTable: { FullNatTableId: nat.fullNatTableId, FullNatEntryCount: 0 },
    };
  },

  DeleteNatGateway(context, input) {
    const world = context.world;
    const nat = world.vpc.natGateways.find(context, input.NatGatewayId);
    if (nat.Status === "Creating") {
      throw incorrectStatus(
        `The NAT gateway ${nat.NatGatewayId} is still Creating.`,
        "IncorrectStatus.NatGateway",
      );
    }
    const { snat, dnat } = entriesOf(world, nat);
    const eips = natEips(world, nat);
    if (!input.Force) {
      const still = (code: string, what: string) =>
        dependencyViolation(code, `The NAT gateway ${nat.NatGatewayId} still has ${what}.`);
      if (snat.length) throw still("DependencyViolation.SnatEntry", "SNAT entries");
      if (dnat.length) throw still("DependencyViolation.ForwardEntry", "DNAT entries");
      if (eips.length) throw still("DependencyViolation.EIPS", "EIPs bound");
    }
    for (const entry of snat) world.vpc.snatEntries.delete(entry.SnatEntryId);
    for (const entry of dnat) world.vpc.forwardEntries.delete(entry.ForwardEntryId);
    for (const eip of eips) freeEip(eip);
    releaseIp(world, nat.vSwitchId, nat.privateIp);
    world.vpc.natGateways.delete(nat.NatGatewayId);
    return {};
  },
};
