// VPC model, part 3: NAT gateways (Creating → Available) with their SNAT and DNAT tables.
// A SNAT entry needs an EIP bound to its NAT gateway; so does a DNAT entry's ExternalIp.
import type { components, operations } from "../../../generated/vpc.js";
import {
  dependencyViolation,
  FakeApiError,
  incorrectStatus,
  missingParameter,
  notFound,
} from "../errors.js";
import { ipInCidr, parseCidr, parseIp } from "../net.js";
import type {
  EipRecord,
  ForwardEntryRecord,
  NatGatewayRecord,
  SnatEntryRecord,
  World,
} from "../state.js";
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
import { allocateIp, findVpc, findVSwitch, releaseIp } from "./links.js";

type NatGateway = components["schemas"]["NatGateway"];

const natEips = (world: World, nat: NatGatewayRecord): EipRecord[] =>
  [...world.vpc.eips.values()].filter(
    (eip) => eip.instanceId === nat.id && eip.instanceType === "Nat",
  );

function usingStatus(world: World, eip: EipRecord): string {
  if ([...world.vpc.snatEntries.values()].some((e) => e.snatIps.includes(eip.ip)))
    return "UsedBySnatTable";
  if ([...world.vpc.forwardEntries.values()].some((e) => e.externalIp === eip.ip))
    return "UsedByForwardTable";
  return "Idle";
}

/** The NAT gateway as DescribeNatGateways shows it. */
export function renderNatGateway(world: World, nat: NatGatewayRecord): NatGateway {
  const zone = world.vpc.vSwitches.get(nat.vSwitchId)?.zoneId ?? "";
  return {
    NatGatewayId: nat.id,
    Name: nat.name,
    Description: nat.description,
    VpcId: nat.vpcId,
    RegionId: nat.regionId,
    Status: nat.status === "Deleting" ? "Deleting" : nat.status,
    CreationTime: isoTime(nat.createdAt),
    NatType: nat.natType,
    NetworkType: nat.networkType as "internet" | "intranet",
    Spec: nat.spec,
    EipBindMode: nat.eipBindMode,
    InstanceChargeType: "PostPaid",
    InternetChargeType: "PayByLcu",
    AutoPay: false,
    BusinessStatus: "Normal",
    DeletionProtection: false,
    EcsMetricEnabled: false,
    EnableSessionLog: "false",
    ExpiredTime: "",
    IcmpReplyEnabled: nat.icmpReplyEnabled,
    PrivateLinkEnabled: false,
    SecurityProtectionEnabled: false,
    ResourceGroupId: nat.resourceGroupId,
    ...(nat.accessMode ? { AccessMode: nat.accessMode } : {}),
    SnatTableIds: { SnatTableId: [nat.snatTableId] },
    ForwardTableIds: { ForwardTableId: [nat.forwardTableId] },
    FullNatTableIds: { FullNatTableId: [nat.fullNatTableId] },
    IpLists: {
      IpList: natEips(world, nat).map((eip) => ({
        AllocationId: eip.id,
        IpAddress: eip.ip,
        PrivateIpAddress: nat.privateIp,
        SnatEntryEnabled: usingStatus(world, eip) === "UsedBySnatTable",
        UsingStatus: usingStatus(world, eip),
      })),
    },
    IpPrefixList: { IpPrefixList: [] },
    NatGatewayPrivateInfo: {
      EniInstanceId: nat.eniId,
      EniType: "indirect",
      IzNo: zone,
      MaxBandwidth: 5120,
      MaxSessionEstablishRate: 100000,
      MaxSessionQuota: 2000000,
      PrivateIpAddress: nat.privateIp,
      VswitchId: nat.vSwitchId,
    },
    Tags: { Tag: nat.tags.map((t) => ({ TagKey: t.Key, TagValue: t.Value })) },
  };
}

/** The NAT gateway of the call's region, or `InvalidNatGatewayId.NotFound`. */
function findNat(context: ActionContext, natGatewayId: string): NatGatewayRecord {
  const nat = context.world.vpc.natGateways.get(natGatewayId);
  if (!nat || nat.regionId !== context.regionId) {
    throw notFound(
      "InvalidNatGatewayId.NotFound",
      `Specified NAT gateway ${natGatewayId} does not exist.`,
    );
  }
  return nat;
}

function natByTable(
  context: ActionContext,
  kind: "snat" | "forward",
  tableId: string,
): NatGatewayRecord {
  for (const nat of context.world.vpc.natGateways.values()) {
    if (nat.regionId !== context.regionId) continue;
    if ((kind === "snat" ? nat.snatTableId : nat.forwardTableId) === tableId) return nat;
  }
  throw kind === "snat"
    ? notFound("InvalidSnatTableId.NotFound", `Specified SNAT table ${tableId} does not exist.`)
    : notFound(
        "InvalidForwardTableId.NotFound",
        `Specified forward table ${tableId} does not exist.`,
      );
}

function requireAvailable(nat: NatGatewayRecord): void {
  if (nat.status !== "Available") {
    throw incorrectStatus(
      `The NAT gateway ${nat.id} is ${nat.status}; wait until it is Available.`,
      "IncorrectStatus.NatGateway",
    );
  }
}

function settleEntry(context: ActionContext, entry: { status: string }): void {
  context.clock.schedule(context.now + context.durations.natEntry, () => {
    if (entry.status === "Pending") entry.status = "Available";
  });
}

/** Deletes a SNAT or DNAT entry of a table: NotFound when it is not there, IncorrectStatus while Pending. */
function deleteEntry(
  context: ActionContext,
  entries: Map<string, { id: string; tableId: string; regionId: string; status: string }>,
  ref: { id: string; tableId: string },
  kind: { label: "SNAT" | "DNAT"; code: "SnatEntry" | "ForwardEntry" },
): Record<string, never> {
  const entry = entries.get(ref.id);
  if (!entry || entry.tableId !== ref.tableId || entry.regionId !== context.regionId) {
    throw notFound(
      `Invalid${kind.code}Id.NotFound`,
      `Specified ${kind.label} entry ${ref.id} does not exist in ${ref.tableId}.`,
    );
  }
  if (entry.status === "Pending") {
    throw incorrectStatus(
      `The ${kind.label} entry ${entry.id} is still Pending.`,
      `IncorrectStatus.${kind.code}`,
    );
  }
  entries.delete(entry.id);
  return {};
}

function renderSnat(world: World, entry: SnatEntryRecord) {
  return {
    SnatEntryId: entry.id,
    SnatEntryName: entry.name,
    SnatTableId: entry.tableId,
    NatGatewayId: entry.natGatewayId,
    SnatIp: entry.snatIps.join(","),
    SourceVSwitchId: entry.sourceVSwitchId,
    SourceCIDR: entry.sourceCidr || world.vpc.vSwitches.get(entry.sourceVSwitchId)?.cidr || "",
    NetworkInterfaceId: entry.networkInterfaceId,
    EipAffinity: String(entry.eipAffinity),
    Status: entry.status,
  };
}

function renderForward(entry: ForwardEntryRecord) {
  return {
    ForwardEntryId: entry.id,
    ForwardEntryName: entry.name,
    ForwardTableId: entry.tableId,
    NatGatewayId: entry.natGatewayId,
    ExternalIp: entry.externalIp,
    ExternalPort: entry.externalPort,
    InternalIp: entry.internalIp,
    InternalPort: entry.internalPort,
    IpProtocol: entry.ipProtocol,
    Status: entry.status,
  };
}

/** Handlers of the NAT gateway, SNAT and DNAT actions. */
export const vpcNatActions: Pick<
  ActionTable<operations>,
  | "CreateNatGateway"
  | "DescribeNatGateways"
  | "GetNatGatewayAttribute"
  | "DeleteNatGateway"
  | "CreateSnatEntry"
  | "DescribeSnatTableEntries"
  | "DeleteSnatEntry"
  | "CreateForwardEntry"
  | "DescribeForwardTableEntries"
  | "DeleteForwardEntry"
> = {
  CreateNatGateway(context, input) {
    const vpc = findVpc(context, input.VpcId);
    if (vpc.status !== "Available") {
      throw incorrectStatus(
        `The VPC ${vpc.id} is ${vpc.status}; wait until it is Available.`,
        "IncorrectVpcStatus",
      );
    }
    if (!input.VSwitchId) throw missingParameter("VSwitchId");
    const vSwitch = findVSwitch(context, input.VSwitchId);
    if (vSwitch.vpcId !== vpc.id) {
      throw new FakeApiError(
        "InvalidParameter",
        `The specified parameter "VSwitchId" is not valid: ${vSwitch.id} is not in ${vpc.id}.`,
      );
    }
    if (vSwitch.status !== "Available") {
      throw incorrectStatus(
        `The VSwitch ${vSwitch.id} is ${vSwitch.status}.`,
        "IncorrectVSwitchStatus",
      );
    }
    const nat: NatGatewayRecord = {
      id: context.ids.id("ngw", context.regionId),
      regionId: context.regionId,
      vpcId: vpc.id,
      vSwitchId: vSwitch.id,
      name: input.Name ?? "",
      description: input.Description ?? "",
      status: "Creating",
      createdAt: context.now,
      snatTableId: context.ids.id("stb", context.regionId),
      forwardTableId: context.ids.id("ftb", context.regionId),
      fullNatTableId: context.ids.id("fulltb", context.regionId),
      natType: input.NatType ?? "Enhanced",
      networkType: input.NetworkType ?? "internet",
      eipBindMode: input.EipBindMode ?? "MULTI_BINDED",
      spec: input.Spec ?? "",
      privateIp: input.NatIp ?? allocateIp(vSwitch),
      eniId: context.ids.id("eni", context.regionId),
      icmpReplyEnabled: input.IcmpReplyEnabled ?? true,
      resourceGroupId: context.world.resourceGroupId,
      tags: mergeTags([], input.Tag),
      ...(input.AccessMode ? { accessMode: input.AccessMode } : {}),
    };
    if (input.NatIp) vSwitch.used.add(input.NatIp);
    context.world.vpc.natGateways.set(nat.id, nat);
    context.clock.schedule(context.now + context.durations.natGateway, () => {
      if (nat.status === "Creating") nat.status = "Available";
    });
    return {
      NatGatewayId: nat.id,
      SnatTableIds: { SnatTableId: [nat.snatTableId] },
      ForwardTableIds: { ForwardTableId: [nat.forwardTableId] },
      FullNatTableIds: { FullNatTableId: [nat.fullNatTableId] },
    };
  },

  DescribeNatGateways(context, input) {
    const list = inRegion(context, context.world.vpc.natGateways.values()).filter(
      (nat) =>
        (input.NatGatewayId === undefined || listOf(input.NatGatewayId).includes(nat.id)) &&
        (input.VpcId === undefined || nat.vpcId === input.VpcId) &&
        (input.Name === undefined || nat.name === input.Name) &&
        (input.Status === undefined || nat.status === input.Status) &&
        (input.NatType === undefined || nat.natType === input.NatType) &&
        (input.NetworkType === undefined || nat.networkType === input.NetworkType) &&
        (input.Spec === undefined || nat.spec === input.Spec) &&
        (input.ZoneId === undefined ||
          context.world.vpc.vSwitches.get(nat.vSwitchId)?.zoneId === input.ZoneId) &&
        (input.ResourceGroupId === undefined || nat.resourceGroupId === input.ResourceGroupId) &&
        hasTags(nat.tags, input.Tag),
    );
    const { page, ...paging } = pageByNumber(list, input);
    return {
      ...paging,
      NatGateways: { NatGateway: page.map((nat) => renderNatGateway(context.world, nat)) },
    };
  },

  GetNatGatewayAttribute(context, input) {
    const world = context.world;
    const nat = findNat(context, input.NatGatewayId);
    const view = renderNatGateway(world, nat);
    return {
      NatGatewayId: nat.id,
      Name: nat.name,
      Description: nat.description,
      VpcId: nat.vpcId,
      RegionId: nat.regionId,
      Status: view.Status,
      CreationTime: view.CreationTime,
      NatType: nat.natType,
      NetworkType: view.NetworkType,
      BusinessStatus: "Normal",
      ExpiredTime: "",
      EcsMetricEnabled: false,
      EnableSessionLog: false,
      PrivateLinkEnabled: false,
      ResourceGroupId: nat.resourceGroupId,
      ...(nat.accessMode ? { AccessMode: nat.accessMode } : {}),
      BillingConfig: {
        AutoPay: "false",
        InstanceChargeType: "PostPaid",
        InternetChargeType: "PayByLcu",
        Spec: nat.spec,
      },
      DeletionProtectionInfo: { Enabled: false },
      IpList: natEips(world, nat).map((eip) => ({
        AllocationId: eip.id,
        IpAddress: eip.ip,
        UsingStatus: usingStatus(world, eip),
      })),
      PrivateInfo: {
        EniInstanceId: nat.eniId,
        IzNo: view.NatGatewayPrivateInfo?.IzNo ?? "",
        MaxBandwidth: 5120,
        PrivateIpAddress: nat.privateIp,
        VswitchId: nat.vSwitchId,
      },
      SnatTable: {
        SnatTableId: nat.snatTableId,
        SnatEntryCount: [...world.vpc.snatEntries.values()].filter((e) => e.natGatewayId === nat.id)
          .length,
      },
      ForwardTable: {
        ForwardTableId: nat.forwardTableId,
        ForwardEntryCount: [...world.vpc.forwardEntries.values()].filter(
          (e) => e.natGatewayId === nat.id,
        ).length,
      },
      FullNatTable: { FullNatTableId: nat.fullNatTableId, FullNatEntryCount: 0 },
    };
  },

  DeleteNatGateway(context, input) {
    const world = context.world;
    const nat = findNat(context, input.NatGatewayId);
    if (nat.status === "Creating") {
      throw incorrectStatus(
        `The NAT gateway ${nat.id} is still Creating.`,
        "IncorrectStatus.NatGateway",
      );
    }
    const snat = [...world.vpc.snatEntries.values()].filter((e) => e.natGatewayId === nat.id);
    const dnat = [...world.vpc.forwardEntries.values()].filter((e) => e.natGatewayId === nat.id);
    const eips = natEips(world, nat);
    if (!input.Force) {
      if (snat.length)
        throw dependencyViolation(
          "DependencyViolation.SnatEntry",
          `The NAT gateway ${nat.id} still has SNAT entries.`,
        );
      if (dnat.length)
        throw dependencyViolation(
          "DependencyViolation.ForwardEntry",
          `The NAT gateway ${nat.id} still has DNAT entries.`,
        );
      if (eips.length)
        throw dependencyViolation(
          "DependencyViolation.EIPS",
          `The NAT gateway ${nat.id} still has EIPs bound.`,
        );
    }
    for (const entry of snat) world.vpc.snatEntries.delete(entry.id);
    for (const entry of dnat) world.vpc.forwardEntries.delete(entry.id);
    for (const eip of eips) {
      eip.generation++;
      Object.assign(eip, {
        status: "Available",
        instanceId: "",
        instanceType: "",
        instanceRegionId: "",
        mode: "",
        privateIpAddress: "",
        vpcId: "",
      });
    }
    releaseIp(world, nat.vSwitchId, nat.privateIp);
    world.vpc.natGateways.delete(nat.id);
    return {};
  },

  CreateSnatEntry(context, input) {
    const world = context.world;
    const nat = natByTable(context, "snat", input.SnatTableId);
    requireAvailable(nat);
    const ips = listOf(input.SnatIp);
    if (ips.length === 0) throw missingParameter("SnatIp");
    const bound = natEips(world, nat).filter(
      (eip) => eip.status === "InUse" || eip.status === "Associating",
    );
    for (const ip of ips) {
      if (!bound.some((eip) => eip.ip === ip)) {
        throw new FakeApiError(
          "EIP_NOT_IN_GATEWAY",
          `The SNAT IP ${ip} is not an EIP associated with the NAT gateway ${nat.id}; associate an EIP with it first.`,
        );
      }
    }
    const sources = [input.SourceVSwitchId, input.SourceCIDR, input.NetworkInterfaceId].filter(
      (s) => s,
    );
    if (sources.length === 0) throw missingParameter("SourceVSwitchId");
    if (sources.length > 1) {
      throw new FakeApiError(
        "InvalidParameter",
        'The specified parameter "SourceVSwitchId" is not valid: give one of SourceVSwitchId, SourceCIDR or NetworkInterfaceId.',
      );
    }
    if (input.SourceVSwitchId) {
      const vSwitch = findVSwitch(context, input.SourceVSwitchId);
      if (vSwitch.vpcId !== nat.vpcId) {
        throw new FakeApiError(
          "InvalidParameter",
          `The specified parameter "SourceVSwitchId" is not valid: ${vSwitch.id} is not in the NAT gateway's VPC ${nat.vpcId}.`,
        );
      }
    }
    if (input.SourceCIDR && !parseCidr(input.SourceCIDR)) {
      throw new FakeApiError(
        "InvalidParameter",
        `The specified parameter "SourceCIDR" is not valid: ${input.SourceCIDR} is not a CIDR block.`,
      );
    }
    const table = [...world.vpc.snatEntries.values()].filter((e) => e.tableId === nat.snatTableId);
    if (
      table.some(
        (e) =>
          (input.SourceVSwitchId && e.sourceVSwitchId === input.SourceVSwitchId) ||
          (input.SourceCIDR && e.sourceCidr === input.SourceCIDR),
      )
    ) {
      throw new FakeApiError(
        "Forbidden.SourceVSwitchId.Duplicated",
        "A SNAT entry for this source already exists in the table.",
      );
    }
    const entry: SnatEntryRecord = {
      id: context.ids.id("snat", context.regionId),
      regionId: context.regionId,
      tableId: nat.snatTableId,
      natGatewayId: nat.id,
      snatIps: ips,
      sourceVSwitchId: input.SourceVSwitchId ?? "",
      sourceCidr: input.SourceCIDR ?? "",
      networkInterfaceId: input.NetworkInterfaceId ?? "",
      name: input.SnatEntryName ?? "",
      eipAffinity: input.EipAffinity ?? 0,
      status: "Pending",
    };
    world.vpc.snatEntries.set(entry.id, entry);
    settleEntry(context, entry);
    return { SnatEntryId: entry.id };
  },

  DescribeSnatTableEntries(context, input) {
    const world = context.world;
    const list = inRegion(context, world.vpc.snatEntries.values()).filter(
      (e) =>
        (input.SnatTableId === undefined || e.tableId === input.SnatTableId) &&
        (input.NatGatewayId === undefined || e.natGatewayId === input.NatGatewayId) &&
        (input.SnatEntryId === undefined || e.id === input.SnatEntryId) &&
        (input.SnatEntryName === undefined || e.name === input.SnatEntryName) &&
        (input.SnatIp === undefined || e.snatIps.includes(input.SnatIp)) &&
        (input.SourceVSwitchId === undefined || e.sourceVSwitchId === input.SourceVSwitchId) &&
        (input.SourceCIDR === undefined || renderSnat(world, e).SourceCIDR === input.SourceCIDR) &&
        (input.NetworkInterfaceIds === undefined ||
          input.NetworkInterfaceIds.includes(e.networkInterfaceId)),
    );
    const { page, ...paging } = pageByNumber(list, input);
    return {
      ...paging,
      SnatTableEntries: { SnatTableEntry: page.map((e) => renderSnat(world, e)) },
    };
  },

  DeleteSnatEntry(context, input) {
    return deleteEntry(
      context,
      context.world.vpc.snatEntries,
      { id: input.SnatEntryId, tableId: input.SnatTableId },
      { label: "SNAT", code: "SnatEntry" },
    );
  },

  CreateForwardEntry(context, input) {
    const world = context.world;
    const nat = natByTable(context, "forward", input.ForwardTableId);
    requireAvailable(nat);
    if (
      !natEips(world, nat).some(
        (eip) => eip.ip === input.ExternalIp && eip.status !== "Unassociating",
      )
    ) {
      throw new FakeApiError(
        "InvalidIp.NotInNatgw",
        `The external IP ${input.ExternalIp} is not an EIP associated with the NAT gateway ${nat.id}.`,
      );
    }
    const vpc = world.vpc.vpcs.get(nat.vpcId);
    const internal = parseIp(input.InternalIp);
    const vpcCidr = vpc ? parseCidr(vpc.cidr) : undefined;
    if (internal === undefined || (vpcCidr && !ipInCidr(internal, vpcCidr))) {
      throw new FakeApiError(
        "InvalidParameter",
        `The specified parameter "InternalIp" is not valid: ${input.InternalIp} is not an address in ${nat.vpcId}.`,
      );
    }
    const protocol = input.IpProtocol.toLowerCase();
    const clash = [...world.vpc.forwardEntries.values()].find(
      (e) =>
        e.tableId === nat.forwardTableId &&
        e.externalIp === input.ExternalIp &&
        e.externalPort === input.ExternalPort &&
        (e.ipProtocol === protocol || e.ipProtocol === "any" || protocol === "any"),
    );
    if (clash)
      throw new FakeApiError(
        "Forbidden.ForwardEntry.Duplicated",
        `The DNAT entry ${clash.id} already forwards ${input.ExternalIp}:${input.ExternalPort}.`,
      );
    const entry: ForwardEntryRecord = {
      id: context.ids.id("fwd", context.regionId),
      regionId: context.regionId,
      tableId: nat.forwardTableId,
      natGatewayId: nat.id,
      externalIp: input.ExternalIp,
      externalPort: input.ExternalPort,
      internalIp: input.InternalIp,
      internalPort: input.InternalPort,
      ipProtocol: protocol,
      name: input.ForwardEntryName ?? "",
      status: "Pending",
    };
    world.vpc.forwardEntries.set(entry.id, entry);
    settleEntry(context, entry);
    return { ForwardEntryId: entry.id };
  },

  DescribeForwardTableEntries(context, input) {
    const list = inRegion(context, context.world.vpc.forwardEntries.values()).filter(
      (e) =>
        (input.ForwardTableId === undefined || e.tableId === input.ForwardTableId) &&
        (input.ForwardEntryId === undefined || e.id === input.ForwardEntryId) &&
        (input.NatGatewayId === undefined || e.natGatewayId === input.NatGatewayId) &&
        (input.ForwardEntryName === undefined || e.name === input.ForwardEntryName) &&
        (input.ExternalIp === undefined || e.externalIp === input.ExternalIp) &&
        (input.ExternalPort === undefined || e.externalPort === input.ExternalPort) &&
        (input.InternalIp === undefined || e.internalIp === input.InternalIp) &&
        (input.InternalPort === undefined || e.internalPort === input.InternalPort) &&
        (input.IpProtocol === undefined || e.ipProtocol === input.IpProtocol),
    );
    const { page, ...paging } = pageByNumber(list, input);
    return { ...paging, ForwardTableEntries: { ForwardTableEntry: page.map(renderForward) } };
  },

  DeleteForwardEntry(context, input) {
    return deleteEntry(
      context,
      context.world.vpc.forwardEntries,
      { id: input.ForwardEntryId, tableId: input.ForwardTableId },
      { label: "DNAT", code: "ForwardEntry" },
    );
  },
};
