// waitForContainerGroupRunning and waitForContainerGroupDeleted, on DescribeContainerGroups.
import type { EciClient, EciPages } from "../../generated/eci.client.js";
import { NotFoundError } from "../base/errors.js";
import { defined } from "../base/objects.js";
import { describeEvents, latestEvents } from "./events.js";
import type { WaitDecision, WaiterOptions } from "./types.js";
import { waitUntil } from "./wait-until.js";

/** A container group as DescribeContainerGroups lists it. */
export type ContainerGroup = EciPages["DescribeContainerGroups"];

/** Which container group to wait for. */
export interface ContainerGroupRef {
  /** region of the container group, e.g. `cn-hangzhou` */
  RegionId: string;
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
 * Throws {@link WaiterError} with reason `"failure"` when the group reaches a state it
 * cannot leave for Running (`Failed`, `ScheduleFailed`, `Succeeded`, `Expired`,
 * `Terminating`) or disappears; `error.events` holds its latest events, newest first,
 * and the message quotes the newest warning. Reason `"timeout"` when time runs out.
 *
 * @example
 * ```ts
 * const { ContainerGroupId } = await eci.createContainerGroup({ ... });
 * const group = await waitForContainerGroupRunning(eci, { RegionId, ContainerGroupId });
 * console.log(group.IntranetIp);
 * ```
 */
export function waitForContainerGroupRunning(
  eci: Pick<EciClient, "describeContainerGroups">,
  ref: ContainerGroupRef,
  options: WaiterOptions = {},
): Promise<ContainerGroup> {
  const { RegionId, ContainerGroupId } = ref;
  return waitUntil({
    ...DEFAULTS,
    ...defined(options),
    name: "waitForContainerGroupRunning",
    subject: ContainerGroupId,
    poll: (call) =>
      eci.describeContainerGroups(
        { RegionId, ContainerGroupIds: [ContainerGroupId], WithEvent: true },
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
      const state = status !== undefined && NEVER_RUNNING.has(status) ? "failure" : "pending";
      return { state, status, resource: group, events, ...(detail ? { detail } : {}) };
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
 * await eci.deleteContainerGroup({ RegionId, ContainerGroupId });
 * await waitForContainerGroupDeleted(eci, { RegionId, ContainerGroupId });
 * ```
 */
export async function waitForContainerGroupDeleted(
  eci: Pick<EciClient, "describeContainerGroups">,
  ref: ContainerGroupRef,
  options: WaiterOptions = {},
): Promise<void> {
  const { RegionId, ContainerGroupId } = ref;
  await waitUntil({
    ...DEFAULTS,
    ...defined(options),
    name: "waitForContainerGroupDeleted",
    subject: ContainerGroupId,
    poll: (call) =>
      eci
        .describeContainerGroups({ RegionId, ContainerGroupIds: [ContainerGroupId] }, call)
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
