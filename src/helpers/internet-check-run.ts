// Preflight: can a container group (or an image cache's builder) in this vSwitch reach the
// internet? Only through an EIP of its own, or a SNAT entry for the vSwitch on an
// Available NAT gateway that has an EIP in use (topic 1). Read-only: it creates nothing.
import type { VpcClient } from "../../generated/vpc.client.js";
import type { CallOptions } from "../core/client.js";

/** What `checkInternetAccess` found. */
export interface InternetAccess {
  /** true when the group can reach the internet */
  ok: boolean;
  /** how: its own EIP, or the SNAT entry (and NAT gateway, EIP address) that covers the vSwitch */
  via?:
    | {
        /** the group's own EIP */
        kind: "eip";
      }
    | {
        /** a SNAT entry of a NAT gateway */
        kind: "snat";
        /** `ngw-…` */
        natGatewayId: string;
        /** `snat-…` */
        snatEntryId: string;
        /** the EIP address the entry sends from */
        snatIp: string;
      };
  /** when not ok: what is missing, and what to do */
  advice?: string;
}

/** Which vSwitch to check, and whether the group brings an EIP. */
export interface InternetCheckOptions {
  /** `vsw-…` */
  vSwitchId: string;
  /** the region of the vSwitch (default: the client's) */
  regionId?: string;
  /** the group gets its own EIP (AutoCreateEip, EipInstanceId): it is online whatever the vSwitch */
  withEip?: boolean;
  /** passed on to every call */
  call?: CallOptions;
}

/** The VPC calls `checkInternetAccess` makes (a `VpcClient` has them). */
export type InternetCheckVpc = Pick<
  VpcClient,
  | "regionId"
  | "describeVSwitchAttributes"
  | "describeNatGateways"
  | "describeSnatTableEntries"
  | "describeEipAddresses"
>;

/**
 * Checks whether a group in `vSwitchId` can pull public images: an EIP of its own
 * (`withEip`), or a SNAT entry for the vSwitch (by id, or a CIDR block holding the
 * vSwitch's) on an Available NAT gateway whose SNAT address is an EIP in use. Only reads;
 * the answer is advice, the API stays the judge (a route through a firewall or a transit
 * router is not seen here).
 */
export async function checkInternetAccess(
  vpc: InternetCheckVpc,
  options: InternetCheckOptions,
): Promise<InternetAccess> {
  if (options.withEip) return { ok: true, via: { kind: "eip" } };
  const RegionId = options.regionId ?? vpc.regionId;
  const { vSwitchId, call } = options;
  const vSwitch = await vpc.describeVSwitchAttributes({ RegionId, VSwitchId: vSwitchId }, call);
  const nats = (
    await vpc.describeNatGateways({ RegionId, VpcId: vSwitch.VpcId ?? "" }, call)
  ).NatGateways?.NatGateway?.filter((n) => n.Status === "Available");
  for (const nat of nats ?? []) {
    const natGatewayId = nat.NatGatewayId ?? "";
    const eips = (
      await vpc.describeEipAddresses(
        { RegionId, AssociatedInstanceType: "Nat", AssociatedInstanceId: natGatewayId },
        call,
      )
    ).EipAddresses?.EipAddress?.filter((e) => e.Status === "InUse");
    const addresses = new Set((eips ?? []).map((e) => e.IpAddress));
    for (const SnatTableId of nat.SnatTableIds?.SnatTableId ?? []) {
      const entries = (await vpc.describeSnatTableEntries({ RegionId, SnatTableId }, call))
        .SnatTableEntries?.SnatTableEntry;
      for (const entry of entries ?? []) {
        if (entry.Status !== "Available") continue;
        const covers =
          entry.SourceVSwitchId === vSwitchId ||
          (entry.SourceCIDR !== undefined &&
            vSwitch.CidrBlock !== undefined &&
            cidrHolds(entry.SourceCIDR, vSwitch.CidrBlock));
        const snatIp = (entry.SnatIp ?? "").split(",").find((ip) => addresses.has(ip));
        if (covers && snatIp)
          return {
            ok: true,
            via: { kind: "snat", natGatewayId, snatEntryId: entry.SnatEntryId ?? "", snatIp },
          };
      }
    }
  }
  return {
    ok: false,
    advice: `${vSwitchId} has no SNAT entry on a NAT gateway with an EIP, so public images (Docker Hub…) cannot be pulled: run enableInternetViaNat for it, give the group an EIP (AutoCreateEip), or use images from ACR`,
  };
}

/** true when CIDR block `outer` holds all of `inner` (IPv4). */
function cidrHolds(outer: string, inner: string): boolean {
  const a = parse(outer);
  const b = parse(inner);
  if (!a || !b || a.bits > b.bits) return false;
  const mask = a.bits === 0 ? 0 : (~0 << (32 - a.bits)) >>> 0;
  return (a.ip & mask) >>> 0 === (b.ip & mask) >>> 0;
}

function parse(cidr: string): { ip: number; bits: number } | undefined {
  const match = /^(\d+)\.(\d+)\.(\d+)\.(\d+)\/(\d+)$/.exec(cidr.trim());
  if (!match) return undefined;
  const [, ...parts] = match.map(Number);
  const [o1, o2, o3, o4, bits] = parts as [number, number, number, number, number];
  return { ip: (((o1 << 24) | (o2 << 16) | (o3 << 8) | o4) >>> 0) as number, bits };
}
