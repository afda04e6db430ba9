// VPC model, part 4: the SNAT and DNAT (forward) tables of NAT gateways. A SNAT entry needs
// an EIP bound to its NAT gateway; so does a DNAT entry's ExternalIp.
import type { operations } from "../../../generated/vpc.js";
import { FakeApiError, incorrectStatus, missingParameter, notFound } from "../errors.js";
import { ipInCidr, parseCidr, parseIp } from "../net.js";
import type { ForwardEntryRecord, NatGatewayRecord, SnatEntryRecord, World } from "../state.js";
import { type ActionContext, type ActionTable, listOf } from "./context.js";
import { where } from "./filter.js";
import { pageByNumber } from "./paging.js";
import type { Table } from "./table.js";
import { natEips } from "./vpc-nat.js";

/** The NAT gateway owning a SNAT or DNAT table, or that table's NotFound. */
function natByTable(
  context: ActionContext,
  kind: "snat" | "forward",
  tableId: string,
): NatGatewayRecord {
  for (const nat of context.world.vpc.natGateways.inRegion(context)) {
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
  if (nat.Status !== "Available") {
    throw incorrectStatus(
      `The NAT gateway ${nat.NatGatewayId} is ${nat.Status}; wait until it is Available.`,
      "IncorrectStatus.NatGateway",
    );
  }
}

function settleEntry(context: ActionContext, entry: { Status: string }): void {
  context.clock.schedule(context.now + context.durations.natEntry, () => {
    if (entry.Status === "Pending") entry.Status = "Available";
  });
}

type Entry = SnatEntryRecord | ForwardEntryRecord;

/** Deletes a SNAT or DNAT entry of a table: NotFound when it is not there, IncorrectStatus while Pending. */
function deleteEntry<R extends Entry, K extends keyof R & string>(
  context: ActionContext,
  entries: Table<R, K>,
  ref: { id: string; tableId: string },
  kind: { label: "SNAT" | "DNAT"; code: "SnatEntry" | "ForwardEntry" },
): Record<string, never> {
  const entry = entries.get(ref.id);
  const tableId = entry && ("SnatTableId" in entry ? entry.SnatTableId : entry.ForwardTableId);
  if (!entry || tableId !== ref.tableId || entry.RegionId !== context.regionId) {
    throw notFound(
      `Invalid${kind.code}Id.NotFound`,
      `Specified ${kind.label} entry ${ref.id} does not exist in ${ref.tableId}.`,
    );
  }
  if (entry.Status === "Pending") {
    throw incorrectStatus(
      `The ${kind.label} entry ${ref.id} is still Pending.`,
      `IncorrectStatus.${kind.code}`,
    );
  }
  entries.delete(ref.id);
  return {};
}

/** The SNAT entry as DescribeSnatTableEntries shows it: the VSwitch's CIDR when none was given. */
export function renderSnat(world: World, entry: SnatEntryRecord) {
  const { RegionId: _, ...fields } = entry;
  return {
    ...fields,
    SourceCIDR: entry.SourceCIDR || world.vpc.vSwitches.get(entry.SourceVSwitchId)?.CidrBlock || "",
  };
}

/** The DNAT entry as DescribeForwardTableEntries shows it. */
export function renderForward(entry: ForwardEntryRecord) {
  const { RegionId: _, ...fields } = entry;
  return fields;
}

/** Handlers of the SNAT and DNAT actions. */
export const vpcNatEntryActions: Pick<
  ActionTable<operations>,
  | "CreateSnatEntry"
  | "DescribeSnatTableEntries"
  | "DeleteSnatEntry"
  | "CreateForwardEntry"
  | "DescribeForwardTableEntries"
  | "DeleteForwardEntry"
> = {
  CreateSnatEntry(context, input) {
    const world = context.world;
    const nat = natByTable(context, "snat", input.SnatTableId);
    requireAvailable(nat);
    const ips = listOf(input.SnatIp);
    if (ips.length === 0) throw missingParameter("SnatIp");
    const bound = natEips(world, nat).filter(
      (eip) => eip.Status === "InUse" || eip.Status === "Associating",
    );
    for (const ip of ips) {
      if (!bound.some((eip) => eip.IpAddress === ip)) {
        throw new FakeApiError(
          "EIP_NOT_IN_GATEWAY",
          `The SNAT IP ${ip} is not an EIP associated with the NAT gateway ${nat.NatGatewayId}; associate an EIP with it first.`,
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
      const vSwitch = world.vpc.vSwitches.find(context, input.SourceVSwitchId);
      if (vSwitch.VpcId !== nat.VpcId) {
        throw new FakeApiError(
          "InvalidParameter",
          `The specified parameter "SourceVSwitchId" is not valid: ${vSwitch.VSwitchId} is not in the NAT gateway's VPC ${nat.VpcId}.`,
        );
      }
    }
    if (input.SourceCIDR && !parseCidr(input.SourceCIDR)) {
      throw new FakeApiError(
        "InvalidParameter",
        `The specified parameter "SourceCIDR" is not valid: ${input.SourceCIDR} is not a CIDR block.`,
      );
    }
    const table = [...world.vpc.snatEntries.values()].filter(
      (e) => e.SnatTableId === nat.snatTableId,
    );
    if (
      table.some(
        (e) =>
          (input.SourceVSwitchId && e.SourceVSwitchId === input.SourceVSwitchId) ||
          (input.SourceCIDR && e.SourceCIDR === input.SourceCIDR),
      )
    ) {
      throw new FakeApiError(
        "Forbidden.SourceVSwitchId.Duplicated",
        "A SNAT entry for this source already exists in the table.",
      );
    }
    const entry = world.vpc.snatEntries.create(context, {
      SnatTableId: nat.snatTableId,
      NatGatewayId: nat.NatGatewayId,
      SnatIp: ips.join(","),
      SourceVSwitchId: input.SourceVSwitchId ?? "",
      SourceCIDR: input.SourceCIDR ?? "",
      NetworkInterfaceId: input.NetworkInterfaceId ?? "",
      SnatEntryName: input.SnatEntryName ?? "",
      EipAffinity: String(input.EipAffinity ?? 0),
      Status: "Pending",
    });
    settleEntry(context, entry);
    return { SnatEntryId: entry.SnatEntryId };
  },

  DescribeSnatTableEntries(context, input) {
    const world = context.world;
    const list = world.vpc.snatEntries.inRegion(context).filter(
      where(
        input,
        ["SnatTableId", "NatGatewayId", "SnatEntryId", "SnatEntryName", "SourceVSwitchId"],
        {
          SnatIp: (e, ip) => listOf(e.SnatIp).includes(ip),
          SourceCIDR: (e, cidr) => renderSnat(world, e).SourceCIDR === cidr,
          NetworkInterfaceIds: (e, ids) => ids.includes(e.NetworkInterfaceId),
        },
      ),
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
        (eip) => eip.IpAddress === input.ExternalIp && eip.Status !== "Unassociating",
      )
    ) {
      throw new FakeApiError(
        "InvalidIp.NotInNatgw",
        `The external IP ${input.ExternalIp} is not an EIP associated with the NAT gateway ${nat.NatGatewayId}.`,
      );
    }
    const vpc = world.vpc.vpcs.get(nat.VpcId);
    const internal = parseIp(input.InternalIp);
    const vpcCidr = vpc ? parseCidr(vpc.CidrBlock) : undefined;
    if (internal === undefined || (vpcCidr && !ipInCidr(internal, vpcCidr))) {
      throw new FakeApiError(
        "InvalidParameter",
        `The specified parameter "InternalIp" is not valid: ${input.InternalIp} is not an address in ${nat.VpcId}.`,
      );
    }
    const protocol = input.IpProtocol.toLowerCase();
    const clash = [...world.vpc.forwardEntries.values()].find(
      (e) =>
        e.ForwardTableId === nat.forwardTableId &&
        e.ExternalIp === input.ExternalIp &&
        e.ExternalPort === input.ExternalPort &&
        (e.IpProtocol === protocol || e.IpProtocol === "any" || protocol === "any"),
    );
    if (clash)
      throw new FakeApiError(
        "Forbidden.ForwardEntry.Duplicated",
        `The DNAT entry ${clash.ForwardEntryId} already forwards ${input.ExternalIp}:${input.ExternalPort}.`,
      );
    const entry = world.vpc.forwardEntries.create(context, {
      ForwardTableId: nat.forwardTableId,
      NatGatewayId: nat.NatGatewayId,
      ExternalIp: input.ExternalIp,
      ExternalPort: input.ExternalPort,
      InternalIp: input.InternalIp,
      InternalPort: input.InternalPort,
      IpProtocol: protocol,
      ForwardEntryName: input.ForwardEntryName ?? "",
      Status: "Pending",
    });
    settleEntry(context, entry);
    return { ForwardEntryId: entry.ForwardEntryId };
  },

  DescribeForwardTableEntries(context, input) {
    const list = context.world.vpc.forwardEntries
      .inRegion(context)
      .filter(
        where(input, [
          "ForwardTableId",
          "ForwardEntryId",
          "NatGatewayId",
          "ForwardEntryName",
          "ExternalIp",
          "ExternalPort",
          "InternalIp",
          "InternalPort",
          "IpProtocol",
        ]),
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
