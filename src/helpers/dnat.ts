// Topic 1, inbound: forward a port of the NAT gateway's EIP to an instance (DNAT).
import type { VpcClient } from "../../generated/vpc.client.js";
import type { CallOptions } from "../core/client.js";
import type { WaiterOptions } from "../waiters/types.js";
import { waitForEntry } from "./wait-entry.js";

/** What `addDnatRule` forwards, and how it waits. */
export interface DnatRuleOptions {
  /** region of the NAT gateway, e.g. `cn-hangzhou`; default: the VPC client's region */
  regionId?: string;
  /** the NAT gateway's forward table (`InternetViaNat.forwardTableId`) */
  forwardTableId: string;
  /** the EIP on the NAT gateway that receives the traffic */
  externalIp: string;
  /** a port, or a range such as `"8000/8010"` */
  externalPort: number | string;
  /** the instance's private IP (a container group's `IntranetIp`) */
  internalIp: string;
  /** the instance's port: a port, or a range as long as `externalPort`'s */
  internalPort: number | string;
  /** default TCP */
  protocol?: "TCP" | "UDP" | "Any";
  /** the rule's name (ForwardEntryName) */
  name?: string;
  /** cancels the call and its wait */
  signal?: AbortSignal;
  /** options for the waits (default timeout 2 minutes), e.g. a fake clock */
  wait?: WaiterOptions;
}

/** A DNAT rule that `addDnatRule` created. */
export interface DnatRule {
  /** the forward entry's id (`fwd-…`) */
  forwardEntryId: string;
  /** Deletes the rule. */
  dispose(options?: { signal?: AbortSignal }): Promise<void>;
}

/**
 * Forwards traffic for `externalIp:externalPort` to `internalIp:internalPort` through the
 * NAT gateway (CreateForwardEntry) and waits until the rule is Available.
 *
 * @example
 * ```ts
 * const rule = await addDnatRule(vpc, {
 *   forwardTableId: net.forwardTableId,
 *   externalIp: net.eipAddress,
 *   externalPort: 8080,
 *   internalIp: group.IntranetIp,
 *   internalPort: 80,
 * });
 * ```
 */
export async function addDnatRule(
  vpc: Pick<
    VpcClient,
    "regionId" | "createForwardEntry" | "describeForwardTableEntries" | "deleteForwardEntry"
  >,
  options: DnatRuleOptions,
): Promise<DnatRule> {
  const { forwardTableId: ForwardTableId, signal } = options;
  const RegionId = options.regionId ?? vpc.regionId;
  const { ForwardEntryId } = await vpc.createForwardEntry(
    {
      RegionId,
      ForwardTableId,
      ExternalIp: options.externalIp,
      ExternalPort: String(options.externalPort),
      InternalIp: options.internalIp,
      InternalPort: String(options.internalPort),
      IpProtocol: options.protocol ?? "TCP",
      ForwardEntryName: options.name,
    },
    { signal },
  );
  if (!ForwardEntryId) throw new Error("CreateForwardEntry returned no ForwardEntryId");
  const ref = { RegionId, ForwardTableId, ForwardEntryId };
  const wait: WaiterOptions = { signal, ...options.wait };
  await waitForEntry("waitForDnatRule", ForwardEntryId, forwardEntry(vpc, ref), "Available", wait);
  return {
    forwardEntryId: ForwardEntryId,
    async dispose(disposeOptions) {
      await vpc.deleteForwardEntry(ref, { signal: disposeOptions?.signal });
      await waitForEntry("waitForDnatRule", ForwardEntryId, forwardEntry(vpc, ref), "gone", {
        ...wait,
        signal: disposeOptions?.signal,
      });
    },
  };
}

const forwardEntry =
  (
    vpc: Pick<VpcClient, "describeForwardTableEntries">,
    ref: { RegionId: string; ForwardTableId: string; ForwardEntryId: string },
  ) =>
  (call: CallOptions) =>
    vpc
      .describeForwardTableEntries(ref, call)
      .then((r) => r.ForwardTableEntries?.ForwardTableEntry?.[0]);
