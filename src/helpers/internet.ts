// Topic 1 of the user guide, the NAT way: a NAT gateway in the VPC, an EIP on it and an
// SNAT entry for the vSwitch, so every container group there reaches the internet.
import type { VpcClient } from "../../generated/vpc.client.js";
import type { CallOptions } from "../core/client.js";
import { waitForEipStatus, waitForNatGatewayAvailable } from "../waiters/network.js";
import type { WaiterOptions } from "../waiters/types.js";
import { Undo } from "./undo.js";
import { waitForEntry } from "./wait-entry.js";

/** The steps of `enableInternetViaNat`, in order. */
export type InternetStep = "natGateway" | "eip" | "association" | "snatEntry";

/** Where `enableInternetViaNat` gives internet access, and how it reports and waits. */
export interface EnableInternetViaNatOptions {
  /** region of the VPC, e.g. `cn-hangzhou`; default: the VPC client's region */
  regionId?: string;
  /** the VPC (`vpc-…`); its NAT gateway is reused when it has one */
  vpcId: string;
  /** the vSwitch whose instances get internet access (the NAT gateway is placed in it too) */
  vSwitchId: string;
  /** EIP bandwidth, Mbit/s (default 5) */
  bandwidth?: number;
  /** give internet access to this CIDR block instead of the whole vSwitch */
  sourceCidr?: string;
  /** name for what this call creates (default `alicloud-eci`) */
  name?: string;
  /** cancels the setup and its waits */
  signal?: AbortSignal;
  /** options for each wait (NAT gateway, EIP, SNAT entry): timeoutMs (default 2 minutes each), progress, clock */
  wait?: WaiterOptions;
  /** told when each step starts, and whether it reused or created something */
  onStep?: (step: InternetStep, detail: { reused: boolean; id?: string }) => void;
}

/** What `enableInternetViaNat` set up. */
export interface InternetViaNat {
  /** the NAT gateway (`ngw-…`) */
  natGatewayId: string;
  /** its SNAT table (`stb-…`) */
  snatTableId: string;
  /** for DNAT rules (`addDnatRule`) */
  forwardTableId: string;
  /** the EIP's id (`eip-…`) */
  allocationId: string;
  /** the EIP's public address */
  eipAddress: string;
  /** the SNAT entry for the vSwitch or CIDR (`snat-…`) */
  snatEntryId: string;
  /** what this call created; `dispose()` removes exactly these, and nothing it reused */
  created: readonly InternetStep[];
  /** Undoes what this call created, in reverse order (SNAT entry, association, EIP, NAT gateway). */
  dispose(options?: { signal?: AbortSignal }): Promise<void>;
}

/** A step of `enableInternetViaNat` failed; what it had created was removed again. */
export class InternetSetupError extends Error {
  /** always `InternetSetupError` */
  override name = "InternetSetupError";
  /** the step that failed */
  readonly step: InternetStep;
  /** steps created before the failure and removed again */
  readonly cleanedUp: readonly InternetStep[];
  /** clean-up failures (the resources then still exist; ids are in the messages) */
  readonly cleanupErrors: readonly Error[];

  constructor(
    step: InternetStep,
    cause: unknown,
    cleanedUp: InternetStep[],
    cleanupErrors: Error[],
  ) {
    const why = cause instanceof Error ? cause.message : String(cause);
    const undo = cleanedUp.length ? `; removed what it had created (${cleanedUp.join(", ")})` : "";
    const left = cleanupErrors.length
      ? `; clean-up failed: ${cleanupErrors.map((e) => e.message).join("; ")}`
      : "";
    super(`enableInternetViaNat failed at step "${step}": ${why}${undo}${left}`, { cause });
    this.step = step;
    this.cleanedUp = cleanedUp;
    this.cleanupErrors = cleanupErrors;
  }
}

/**
 * The VPC client methods `enableInternetViaNat` uses (a `VpcClient` has them all).
 *
 * @inline
 */
type Vpc = Pick<
  VpcClient,
  | "regionId"
  | "describeNatGateways"
  | "createNatGateway"
  | "getNatGatewayAttribute"
  | "deleteNatGateway"
  | "describeEipAddresses"
  | "allocateEipAddress"
  | "associateEipAddress"
  | "unassociateEipAddress"
  | "releaseEipAddress"
  | "describeSnatTableEntries"
  | "createSnatEntry"
  | "deleteSnatEntry"
>;

/**
 * Gives every instance on a vSwitch internet access through a NAT gateway: creates (or
 * reuses) the VPC's NAT gateway, allocates an EIP and associates it (or reuses one already
 * on the gateway), and adds the SNAT entry for the vSwitch (or reuses it), waiting for each
 * to be ready. Creations carry ClientTokens derived from the VPC and vSwitch, so running it
 * again after a crash finds or gets back the same resources instead of making new ones.
 * When a step fails, what this call created is removed and an {@link InternetSetupError}
 * names the step.
 *
 * @example
 * ```ts
 * const net = await enableInternetViaNat({ vpc }, { vpcId, vSwitchId });
 * console.log(`instances on ${vSwitchId} reach the internet as ${net.eipAddress}`);
 * await net.dispose(); // when done
 * ```
 */
export async function enableInternetViaNat(
  clients: { vpc: Vpc },
  options: EnableInternetViaNatOptions,
): Promise<InternetViaNat> {
  const { vpc } = clients;
  const { vpcId, vSwitchId, signal } = options;
  const RegionId = options.regionId ?? vpc.regionId;
  const name = options.name ?? "alicloud-eci";
  const call: CallOptions = { signal };
  const wait: WaiterOptions = { signal, ...options.wait };
  const token = (step: string) =>
    `${name.slice(0, 20)}-${step}-${fingerprint(`${vpcId}/${vSwitchId}/${options.sourceCidr ?? ""}`)}`;
  const undo = new Undo();
  const created: InternetStep[] = [];
  let step: InternetStep = "natGateway";

  try {
    // 1. the NAT gateway: the VPC's own, or a new Enhanced one in the vSwitch
    const existing = (
      await vpc.describeNatGateways({ RegionId, VpcId: vpcId }, call)
    ).NatGateways?.NatGateway?.find((n) => n.Status !== "Deleting");
    let natGatewayId = existing?.NatGatewayId;
    let snatTableId = existing?.SnatTableIds?.SnatTableId?.[0];
    let forwardTableId = existing?.ForwardTableIds?.ForwardTableId?.[0];
    options.onStep?.("natGateway", { reused: Boolean(existing), id: natGatewayId });
    if (!natGatewayId) {
      const nat = await vpc.createNatGateway(
        {
          RegionId,
          VpcId: vpcId,
          VSwitchId: vSwitchId,
          NatType: "Enhanced",
          Name: name,
          ClientToken: token("nat"),
        },
        call,
      );
      natGatewayId = required(nat.NatGatewayId, "CreateNatGateway returned no NatGatewayId");
      const id = natGatewayId;
      created.push("natGateway");
      undo.push("natGateway", async () => {
        await vpc.deleteNatGateway({ RegionId, NatGatewayId: id, Force: true }, call);
        // the vSwitch and VPC can only go once the gateway is gone
        await waitForEntry("waitForNatGateway", id, natGateway(vpc, RegionId, id), "gone", wait);
      });
      snatTableId = nat.SnatTableIds?.SnatTableId?.[0];
      forwardTableId = nat.ForwardTableIds?.ForwardTableId?.[0];
    }
    const nat = await waitForNatGatewayAvailable(
      vpc,
      { RegionId, NatGatewayId: natGatewayId },
      wait,
    );
    snatTableId ??= nat.SnatTable?.SnatTableId;
    forwardTableId ??= nat.ForwardTable?.ForwardTableId;
    const natId = natGatewayId;

    // 2. the EIP: one already on the gateway, or a new one associated with it
    step = "eip";
    const bound = (
      await vpc.describeEipAddresses(
        { RegionId, AssociatedInstanceType: "Nat", AssociatedInstanceId: natId },
        call,
      )
    ).EipAddresses?.EipAddress?.find((e) => e.Status === "InUse" || e.Status === "Associating");
    let allocationId = bound?.AllocationId;
    let eipAddress = bound?.IpAddress;
    options.onStep?.("eip", { reused: Boolean(bound), id: allocationId });
    if (!allocationId) {
      const eip = await vpc.allocateEipAddress(
        {
          RegionId,
          Bandwidth: String(options.bandwidth ?? 5),
          InternetChargeType: "PayByTraffic",
          Name: name,
          ClientToken: token("eip"),
        },
        call,
      );
      allocationId = required(eip.AllocationId, "AllocateEipAddress returned no AllocationId");
      eipAddress = eip.EipAddress;
      const id = allocationId;
      created.push("eip");
      undo.push("eip", () => vpc.releaseEipAddress({ RegionId, AllocationId: id }, call));
      await waitForEipStatus(vpc, { RegionId, AllocationId: id }, { ...wait, status: "Available" });

      step = "association";
      options.onStep?.("association", { reused: false, id });
      await vpc.associateEipAddress(
        {
          RegionId,
          AllocationId: id,
          InstanceId: natId,
          InstanceType: "Nat",
          ClientToken: token("assoc"),
        },
        call,
      );
      created.push("association");
      undo.push("association", async () => {
        await vpc.unassociateEipAddress(
          { RegionId, AllocationId: id, InstanceId: natId, InstanceType: "Nat" },
          call,
        );
        await waitForEipStatus(
          vpc,
          { RegionId, AllocationId: id },
          { ...wait, status: "Available" },
        );
      });
      const inUse = await waitForEipStatus(
        vpc,
        { RegionId, AllocationId: id },
        { ...wait, status: "InUse" },
      );
      eipAddress ??= inUse.IpAddress;
    }
    const eip = required(eipAddress, `EIP ${allocationId} has no address`);

    // 3. the SNAT entry for the vSwitch (or the CIDR block)
    step = "snatEntry";
    const table = required(snatTableId, `NAT gateway ${natId} has no SNAT table`);
    const source = options.sourceCidr
      ? { SourceCIDR: options.sourceCidr }
      : { SourceVSwitchId: vSwitchId };
    const entries = await vpc.describeSnatTableEntries(
      { RegionId, SnatTableId: table, ...source },
      call,
    );
    let snatEntryId = entries.SnatTableEntries?.SnatTableEntry?.[0]?.SnatEntryId;
    options.onStep?.("snatEntry", { reused: Boolean(snatEntryId), id: snatEntryId });
    if (!snatEntryId) {
      const entry = await vpc.createSnatEntry(
        {
          RegionId,
          SnatTableId: table,
          SnatIp: eip,
          SnatEntryName: name,
          ClientToken: token("snat"),
          ...source,
        },
        call,
      );
      snatEntryId = required(entry.SnatEntryId, "CreateSnatEntry returned no SnatEntryId");
      const id = snatEntryId;
      created.push("snatEntry");
      undo.push("snatEntry", async () => {
        await vpc.deleteSnatEntry({ RegionId, SnatTableId: table, SnatEntryId: id }, call);
        await waitForEntry(
          "waitForSnatEntry",
          id,
          snatEntry(vpc, { RegionId, SnatTableId: table, SnatEntryId: id }),
          "gone",
          wait,
        );
      });
      await waitForEntry(
        "waitForSnatEntry",
        id,
        snatEntry(vpc, { RegionId, SnatTableId: table, SnatEntryId: id }),
        "Available",
        wait,
      );
    }

    return {
      natGatewayId: natId,
      snatTableId: table,
      forwardTableId: required(forwardTableId, `NAT gateway ${natId} has no forward table`),
      allocationId,
      eipAddress: eip,
      snatEntryId,
      created,
      dispose: () => undo.run().then(({ errors }) => throwFirst(errors)),
    };
  } catch (error) {
    const { done, errors } = await undo.run();
    throw new InternetSetupError(step, error, done as InternetStep[], errors);
  }
}

const snatEntry =
  (vpc: Pick<VpcClient, "describeSnatTableEntries">, ref: SnatRef) => (call: CallOptions) =>
    vpc.describeSnatTableEntries(ref, call).then((r) => r.SnatTableEntries?.SnatTableEntry?.[0]);

const natGateway =
  (vpc: Pick<VpcClient, "describeNatGateways">, RegionId: string, NatGatewayId: string) =>
  (call: CallOptions) =>
    vpc
      .describeNatGateways({ RegionId, NatGatewayId }, call)
      .then((r) => r.NatGateways?.NatGateway?.[0]);

type SnatRef = { RegionId: string; SnatTableId: string; SnatEntryId: string };

/** A short stable hash, so ClientTokens stay under 64 characters. */
function fingerprint(text: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193) >>> 0;
  return h.toString(36);
}

function required<T>(value: T | undefined, message: string): T {
  if (value === undefined || value === null || value === "") throw new Error(message);
  return value;
}

function throwFirst(errors: Error[]) {
  if (errors.length) throw errors[0];
}
