// Topic 4 of the user guide: container groups as SLB backend servers.
import type { EciClient } from "../../generated/eci.client.js";
import type { SlbClient } from "../../generated/slb.client.js";
import type { BackendServer, DescribeHealthStatusOutput } from "../../generated/slb.types.js";
import type { CallOptions } from "../core/client.js";
import type { ContainerGroup } from "../waiters/container-group.js";

/** States in which ECI lets a container group be an SLB backend. */
export const BACKEND_STATES: readonly string[] = ["Pending", "Running", "Restarting", "Updating"];

const BATCH = 20; // AddBackendServers/RemoveBackendServers take at most 20 servers per call

/** Some container groups cannot be attached: missing, or not in a live state. Nothing was attached. */
export class BackendAttachError extends Error {
  /** always `BackendAttachError` */
  override name = "BackendAttachError";
  /** each refused group with why: `missing`, its state, or `no private IP` */
  readonly refused: readonly {
    /** the refused group (`eci-…`) */
    containerGroupId: string;
    /** `missing`, its state (e.g. `Succeeded`), or `no private IP` */
    reason: string;
  }[];

  constructor(refused: { containerGroupId: string; reason: string }[]) {
    super(
      `cannot attach ${refused.map((r) => `${r.containerGroupId} (${r.reason})`).join(", ")}: only container groups ` +
        `that exist and are ${BACKEND_STATES.join(", ")} can be SLB backends; nothing was attached`,
    );
    this.refused = refused;
  }
}

/** Which container groups `attachContainerGroups` puts behind which SLB instance. */
export interface AttachOptions {
  /** region of the load balancer and the groups, e.g. `cn-hangzhou`; default: the SLB client's region */
  regionId?: string;
  /** the SLB instance (`lb-…`) */
  loadBalancerId: string;
  /** the container groups to attach (`eci-…`), all or none */
  containerGroupIds: readonly string[];
  /** 0–100 (default 100) */
  weight?: number;
  /** backend port, when it differs from the listener's backend port */
  port?: number;
}

/** A backend server as this helper added it. */
export type EciBackend = BackendServer;

/**
 * Puts container groups behind an SLB instance: reads them, refuses (before attaching any)
 * those that are missing or not Pending/Running/Restarting/Updating, then adds them as
 * `Type: "eci"` backends with their private IP as `ServerIp`, 20 per call.
 *
 * @example
 * ```ts
 * await attachContainerGroups({ eci, slb }, { loadBalancerId, containerGroupIds: [a, b] });
 * ```
 */
export async function attachContainerGroups(
  clients: {
    eci: Pick<EciClient, "describeContainerGroups">;
    slb: Pick<SlbClient, "regionId" | "addBackendServers">;
  },
  options: AttachOptions,
  call?: CallOptions,
): Promise<EciBackend[]> {
  const groups = await describeGroups(
    clients.eci,
    options.regionId ?? clients.slb.regionId,
    options.containerGroupIds,
    call,
  );
  const refused: { containerGroupId: string; reason: string }[] = [];
  const servers: EciBackend[] = [];
  for (const id of options.containerGroupIds) {
    const group = groups.get(id);
    if (!group) refused.push({ containerGroupId: id, reason: "missing" });
    else if (!BACKEND_STATES.includes(group.Status ?? ""))
      refused.push({ containerGroupId: id, reason: group.Status ?? "unknown state" });
    else if (!group.IntranetIp) refused.push({ containerGroupId: id, reason: "no private IP yet" });
    else {
      servers.push({
        ServerId: id,
        Type: "eci",
        ServerIp: group.IntranetIp,
        Weight: options.weight ?? 100,
        ...(options.port ? { Port: options.port } : {}),
      });
    }
  }
  if (refused.length) throw new BackendAttachError(refused);
  for (const batch of chunks(servers)) {
    await clients.slb.addBackendServers(
      {
        RegionId: options.regionId ?? clients.slb.regionId,
        LoadBalancerId: options.loadBalancerId,
        BackendServers: batch,
      },
      call,
    );
  }
  return servers;
}

/**
 * Takes container groups out of an SLB instance's backends (RemoveBackendServers, 20 per
 * call). Groups that are deleted or reach a terminal state leave by themselves.
 *
 * @example
 * ```ts
 * await detachContainerGroups(slb, { loadBalancerId, containerGroupIds: [a] });
 * ```
 */
export async function detachContainerGroups(
  slb: Pick<SlbClient, "regionId" | "removeBackendServers">,
  options: Omit<AttachOptions, "weight" | "port">,
  call?: CallOptions,
): Promise<void> {
  const servers = options.containerGroupIds.map((id) => ({ ServerId: id, Type: "eci" as const }));
  for (const batch of chunks(servers)) {
    await slb.removeBackendServers(
      {
        RegionId: options.regionId ?? slb.regionId,
        LoadBalancerId: options.loadBalancerId,
        BackendServers: batch,
      },
      call,
    );
  }
}

/** One backend as DescribeHealthStatus reports it. */
export type BackendHealth = NonNullable<
  NonNullable<DescribeHealthStatusOutput["BackendServers"]>["BackendServer"]
>[number];

/**
 * The health of every backend of an SLB instance (or of one listener): ServerId, ServerIp,
 * Port, ListenerPort, Protocol and ServerHealthStatus (`normal`, `abnormal`, `unavailable`).
 *
 * @example
 * ```ts
 * const health = await getBackendHealth(slb, { loadBalancerId });
 * console.log(health.every((b) => b.ServerHealthStatus === "normal"));
 * ```
 */
export async function getBackendHealth(
  slb: Pick<SlbClient, "regionId" | "describeHealthStatus">,
  options: { regionId?: string; loadBalancerId: string; listenerPort?: number },
  call?: CallOptions,
): Promise<BackendHealth[]> {
  const answer = await slb.describeHealthStatus(
    {
      RegionId: options.regionId ?? slb.regionId,
      LoadBalancerId: options.loadBalancerId,
      ListenerPort: options.listenerPort,
    },
    call,
  );
  return answer.BackendServers?.BackendServer ?? [];
}

async function describeGroups(
  eci: Pick<EciClient, "describeContainerGroups">,
  RegionId: string,
  ids: readonly string[],
  call?: CallOptions,
): Promise<Map<string, ContainerGroup>> {
  const found = new Map<string, ContainerGroup>();
  for (const batch of chunks([...new Set(ids)])) {
    const answer = await eci.describeContainerGroups(
      { RegionId, ContainerGroupIds: batch, Limit: BATCH },
      call,
    );
    for (const group of answer.ContainerGroups ?? []) {
      if (group.ContainerGroupId) found.set(group.ContainerGroupId, group);
    }
  }
  return found;
}

function chunks<T>(list: readonly T[]): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < list.length; i += BATCH) out.push(list.slice(i, i + BATCH));
  return out;
}
