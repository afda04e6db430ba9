// waitForContainerGroupRunning and waitForContainerGroupDeleted, on DescribeContainerGroups.
import type { EciClient } from "../../generated/eci.client.js";
import type { ContainerGroup } from "../../generated/eci.types.js";
import { NotFoundError } from "../base/errors.js";
import { defined } from "../base/objects.js";
import { describeEvents, latestEvents } from "./events.js";
import { causeJudge } from "./fail-fast.js";
import { type RegionRef, regionOf } from "./region.js";
import type { EventWaiterOptions, WaitDecision, WaiterOptions } from "./types.js";
import { waitUntil } from "./wait-until.js";

export type { ContainerGroup };

/** Which container group to wait for. */
export interface ContainerGroupRef extends RegionRef {
  /** `eci-…` */
  ContainerGroupId: string;
}

/** States from which a group never becomes Running (Terminating: it is being deleted). */
const NEVER_RUNNING = new Set(["Failed", "ScheduleFailed", "Succeeded", "Expired", "Terminating"]);

const DEFAULTS = { timeoutMs: 5 * 60_000, minDelayMs: 2_000, maxDelayMs: 15_000 };

/**
 * Waits until a container group is `Running` and returns it (with its events). Default
 * timeout 5 minutes; polls start 2 s apart and back off to 15 s. `onProgress` details
 * carry the latest event (`Pulling: pulling image "nginx:1.25"`).
 *
 * Fails fast on the cause its events name (unless `failFast: false`): {@link ScheduleError}
 * at the first poll that shows a group ECI cannot place (out of stock, zone closed, heavy
 * load), naming zone and spec; {@link ImagePullError} at the second poll that shows an
 * image not pulling, naming the image and why (no internet access, access denied, not
 * found). The first sighting of a pull failure goes to `onProgress`.
 *
 * Throws {@link WaiterError} with reason `"failure"` when the group reaches a state it
 * cannot leave for Running (`Failed`, `ScheduleFailed`, `Succeeded`, `Expired`,
 * `Terminating`) or disappears; `error.events` holds its latest events, newest first,
 * and the message quotes the newest warning. Reason `"timeout"` when time runs out.
 *
 * @example
 * ```ts
 * const { ContainerGroupId } = await eci.createContainerGroup({ ... });
 * const group = await waitForContainerGroupRunning(eci, { ContainerGroupId });
 * console.log(group.IntranetIp);
 * ```
 */
export function waitForContainerGroupRunning(
  eci: Pick<EciClient, "describeContainerGroups">,
  ref: ContainerGroupRef,
  options: EventWaiterOptions = {},
): Promise<ContainerGroup> {
  const { ContainerGroupId } = ref;
  const { failFast = true, ...waiterOptions } = options;
  const judge = causeJudge();
  return waitUntil({
    ...DEFAULTS,
    ...defined(waiterOptions),
    name: "waitForContainerGroupRunning",
    client: eci,
    subject: ContainerGroupId,
    poll: (call) =>
      eci.describeContainerGroups(
        { ...regionOf(ref), ContainerGroupIds: [ContainerGroupId], WithEvent: true },
        call,
      ),
    check: (answer): WaitDecision<ContainerGroup> => {
      const group = answer.ContainerGroups?.find((g) => g.ContainerGroupId === ContainerGroupId);
      if (!group) return { state: "failure", detail: "not found: deleted, or never created" };
      const status = group.Status;
      const events = latestEvents(group.Events);
      const detail = describeEvents(events);
      if (status === "Running")
        return { state: "success", value: group, status, ...(detail ? { detail } : {}) };
      const terminal = status !== undefined && NEVER_RUNNING.has(status);
      const where = { zoneId: group.ZoneId, instanceType: group.InstanceType };
      const cause = failFast ? judge(events, terminal, where) : undefined;
      if (cause?.verdict === "fail")
        return {
          state: "failure",
          status,
          resource: group,
          events,
          detail: cause.detail,
          raise: cause.raise,
        };
      const state = terminal ? "failure" : "pending";
      const said = cause?.detail ?? detail;
      return { state, status, resource: group, events, ...(said ? { detail: said } : {}) };
    },
  });
}

/**
 * Waits until a container group no longer exists, e.g. after DeleteContainerGroup.
 * Default timeout 5 minutes; polls start 2 s apart and back off to 15 s. A group in any
 * state (Terminating included) means "not yet"; a NotFound answer means it is gone.
 * Throws {@link WaiterError} with reason `"timeout"` (and the last status) when time
 * runs out.
 *
 * @example
 * ```ts
 * await eci.deleteContainerGroup({ ContainerGroupId });
 * await waitForContainerGroupDeleted(eci, { ContainerGroupId });
 * ```
 */
export async function waitForContainerGroupDeleted(
  eci: Pick<EciClient, "describeContainerGroups">,
  ref: ContainerGroupRef,
  options: WaiterOptions = {},
): Promise<void> {
  const { ContainerGroupId } = ref;
  await waitUntil({
    ...DEFAULTS,
    ...defined(options),
    name: "waitForContainerGroupDeleted",
    client: eci,
    subject: ContainerGroupId,
    poll: (call) =>
      eci
        .describeContainerGroups({ ...regionOf(ref), ContainerGroupIds: [ContainerGroupId] }, call)
        .catch((error) => {
          if (error instanceof NotFoundError) return { ContainerGroups: [] as ContainerGroup[] };
          throw error;
        }),
    check: (answer): WaitDecision<void> => {
      const group = answer.ContainerGroups?.find((g) => g.ContainerGroupId === ContainerGroupId);
      if (!group) return { state: "success", value: undefined, status: "Deleted" };
      return { state: "pending", status: group.Status, resource: group };
    },
  });
}
