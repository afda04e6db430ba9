// `kubectl logs -f` for ECI: polls DescribeContainerLog with timestamps and yields each new
// line once, in order, across restarts of the container, until it ends for good.
// The code is in logs-run.ts, loaded on the first call: importing the package stays fast
// (docs/performance.md, cold import) for the many programs that never call it.
import type { EciClient } from "../../generated/eci.client.js";
import type { LogEntry } from "./log-cursor.js";

import type { ContainerRef, FollowLogOptions } from "./logs-run.js";

export type { LogEntry } from "./log-cursor.js";
export type { ContainerRef, FollowLogOptions } from "./logs-run.js";

/**
 * Follows a container's log like `kubectl logs -f`: yields `{ time, text }` for every
 * line, each exactly once and in order, starting from the last `tail` lines (or the
 * last `sinceSeconds`). It follows the container across restarts (the rest of the run
 * that ended comes first) and ends by itself once the container has terminated for good
 * and its last lines are read, or when the group is deleted. Idle polls back off from
 * `minDelayMs` (1 s) to `maxDelayMs` (8 s); throttling and server errors are polled
 * through. An aborted `signal` rejects the loop with `AbortError` at once.
 *
 * @example
 * ```ts
 * for await (const line of followContainerLog(eci, { ContainerGroupId, ContainerName: "app" })) {
 *   console.log(line.time.toISOString(), line.text);
 * }
 * ```
 */
export async function* followContainerLog(
  eci: Pick<EciClient, "describeContainerLog" | "describeContainerGroups">,
  ref: ContainerRef,
  options: FollowLogOptions = {},
): AsyncGenerator<LogEntry, void, undefined> {
  yield* (await import("./logs-run.js")).followContainerLog(eci, ref, options);
}
