// waitForBackendServersHealthy: SLB health checks pass for the servers that matter.
import type { SlbClient } from "../../generated/slb.client.js";
import type { DescribeHealthStatusOutput } from "../../generated/slb.types.js";
import { defined } from "../base/objects.js";
import type { WaitDecision, WaiterOptions } from "./types.js";
import { waitUntil } from "./wait-until.js";

/** One backend's health on one listener, as DescribeHealthStatus reports it. */
export type BackendServerHealth = NonNullable<
  NonNullable<DescribeHealthStatusOutput["BackendServers"]>["BackendServer"]
>[number];

/** Which load balancer and backends to wait for. */
export interface BackendServersRef {
  /** region of the load balancer, e.g. `cn-hangzhou`; omitted: not sent */
  RegionId?: string;
  /** `lb-…` */
  LoadBalancerId: string;
  /** servers that must be healthy (`eci-…`, `i-…`); omitted: every backend reported */
  ServerIds?: readonly string[];
  /** only the listener on this frontend port */
  ListenerPort?: number;
}

/**
 * Waits until SLB health checks pass: every entry of every named server (all servers
 * when `ServerIds` is omitted; on every listener, or on `ListenerPort`) reports
 * `normal`. Returns those entries. Default timeout 5 minutes (a health check needs
 * several passing rounds, and the application must start); polls start 2 s apart and
 * back off to 15 s.
 *
 * Health that is not yet `normal` (`abnormal`, `unavailable`, or a named server not yet
 * listed because it was just added) is waited out, so a server that never gets healthy
 * ends in {@link WaiterError} with reason `"timeout"`; its `detail` names the servers
 * still unhealthy.
 *
 * @example
 * ```ts
 * await slb.addBackendServers({ LoadBalancerId, BackendServers: [{ ServerId: ContainerGroupId, Weight: "100", Type: "eci" }] });
 * await waitForBackendServersHealthy(slb, { RegionId, LoadBalancerId, ServerIds: [ContainerGroupId] });
 * ```
 */
export function waitForBackendServersHealthy(
  slb: Pick<SlbClient, "describeHealthStatus">,
  ref: BackendServersRef,
  options: WaiterOptions = {},
): Promise<BackendServerHealth[]> {
  const { RegionId, LoadBalancerId, ListenerPort } = ref;
  const named = ref.ServerIds ? [...ref.ServerIds] : undefined;
  return waitUntil({
    timeoutMs: 5 * 60_000,
    minDelayMs: 2_000,
    maxDelayMs: 15_000,
    ...defined(options),
    name: "waitForBackendServersHealthy",
    client: slb,
    subject: LoadBalancerId,
    poll: (call) =>
      slb.describeHealthStatus(
        {
          LoadBalancerId,
          ...(RegionId === undefined ? {} : { RegionId }),
          ...(ListenerPort === undefined ? {} : { ListenerPort }),
        },
        call,
      ),
    check: (answer): WaitDecision<BackendServerHealth[]> => {
      const all = answer.BackendServers?.BackendServer ?? [];
      const entries = named ? all.filter((e) => named.includes(e.ServerId ?? "")) : all;
      const missing = named ? named.filter((id) => !entries.some((e) => e.ServerId === id)) : [];
      const sick = entries.filter((e) => e.ServerHealthStatus !== "normal");
      const expected = entries.length + missing.length;
      const normal = entries.length - sick.length;
      if (entries.length > 0 && missing.length === 0 && sick.length === 0) {
        return {
          state: "success",
          value: entries,
          status: "normal",
          detail: `${normal} of ${expected} normal`,
        };
      }
      const waiting = [
        ...sick.map((e) => `${e.ServerId}:${e.Port} ${e.ServerHealthStatus}`),
        ...missing.map((id) => `${id} not listed`),
      ];
      return {
        state: "pending",
        status: worst(sick, missing.length > 0 || entries.length === 0),
        resource: entries,
        detail:
          expected === 0
            ? "no backends listed"
            : `${normal} of ${expected} normal; waiting for ${waiting.join(", ")}`,
      };
    },
  });
}

/** One word for progress and errors: the worst health seen, or `missing` when servers are not listed. */
function worst(sick: readonly BackendServerHealth[], missing: boolean): string {
  for (const status of ["abnormal", "unavailable"] as const) {
    if (sick.some((e) => e.ServerHealthStatus === status)) return status;
  }
  return missing ? "missing" : (sick[0]?.ServerHealthStatus ?? "unknown");
}
