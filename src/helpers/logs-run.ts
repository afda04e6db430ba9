// `kubectl logs -f` for ECI: polls DescribeContainerLog with timestamps and yields each new
// line once, in order, across restarts of the container, until it ends for good.
import type { EciClient } from "../../generated/eci.client.js";
import { AbortError } from "../base/errors.js";
import { sleep as timerSleep } from "../base/time.js";
import { pollDelay } from "../waiters/backoff.js";
import { type RegionRef, regionOf } from "../waiters/region.js";
import { isTransient } from "../waiters/transient.js";
import type { WaiterOptions } from "../waiters/types.js";
import { LogCursor, type LogEntry, parseLog, type TimedLine } from "./log-cursor.js";

export type { LogEntry };

/** Which container's log to follow. */
export interface ContainerRef extends RegionRef {
  /** `eci-…` */
  ContainerGroupId: string;
  /** the container's name in the group */
  ContainerName: string;
}

/** Where to start and how to poll. */
export interface FollowLogOptions
  extends Pick<WaiterOptions, "signal" | "now" | "sleep" | "random" | "minDelayMs" | "maxDelayMs"> {
  /** start with the last this many lines (at most 2,000, the API's limit); 0: only new lines; default 2,000 */
  tail?: number;
  /** start with the lines of the last this many seconds */
  sinceSeconds?: number;
  /**
   * bytes per answer (at most 1 MiB, the API's limit; default the limit): a longer log takes
   * more polls; doubled (up to 1 MiB) when one second of log does not fit
   */
  limitBytes?: number;
  /** called when lines may have been lost: more than 2,000 new between two polls, or runs restarted past */
  onGap?: (gap: { after: Date | undefined; before: Date | undefined; reason: string }) => void;
}

/** The API's limits on one DescribeContainerLog answer. */
const MAX_TAIL = 2_000;
const MAX_BYTES = 1_048_576;
const DEFAULTS = { minDelayMs: 1_000, maxDelayMs: 8_000 };
const GONE = new Set(["Succeeded", "Failed", "Expired"]);

/** The fields of a container the follower reads (app and init containers have them). */
interface Container {
  Name?: string | undefined;
  RestartCount?: number | undefined;
  CurrentState?: { State?: string | undefined; ExitCode?: number | undefined } | undefined;
  PreviousState?: { State?: string | undefined } | undefined;
}

/** Whether the container will write no more: its group ended, or it stopped and will not restart. */
function finished(
  group: { Status?: string | undefined; RestartPolicy?: string | undefined },
  c: Container,
  init: boolean,
): boolean {
  if (GONE.has(group.Status ?? "")) return true;
  const state = c.CurrentState;
  if (state?.State !== "Terminated") return false;
  if (init && state.ExitCode === 0) return true; // an init container that succeeded is done
  const policy = group.RestartPolicy ?? "Always";
  return policy === "Never" || (policy === "OnFailure" && state.ExitCode === 0);
}

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
  const { signal, onGap } = options;
  const now = options.now ?? Date.now;
  const pause = options.sleep ?? timerSleep;
  const random = options.random ?? Math.random;
  const minDelayMs = options.minDelayMs ?? DEFAULTS.minDelayMs;
  const maxDelayMs = options.maxDelayMs ?? DEFAULTS.maxDelayMs;
  let limitBytes = Math.min(MAX_BYTES, options.limitBytes ?? MAX_BYTES);
  const tail = Math.min(MAX_TAIL, options.tail ?? MAX_TAIL);
  const { ContainerGroupId, ContainerName } = ref;
  const started = now();
  const cursor = new LogCursor();
  let firstRead = true;
  let restarts: number | undefined;
  let idle = 0;

  const check = () => {
    if (signal?.aborted) throw new AbortError(signal.reason);
  };
  /** One DescribeContainerLog from the cursor: the new lines, and whether more are waiting. */
  const read = async (lastTime: boolean): Promise<{ lines: TimedLine[]; more: boolean }> => {
    const start: { Tail: number; StartTime?: string; SinceSeconds?: number } = { Tail: MAX_TAIL };
    const seed = firstRead && !lastTime;
    if (!cursor.empty) start.StartTime = cursor.startTime as string;
    else if (seed) start.Tail = Math.max(1, tail); // tail 0: one line, only to place the cursor
    if (cursor.empty && options.sinceSeconds !== undefined)
      start.SinceSeconds = options.sinceSeconds + Math.ceil((now() - started) / 1000);
    const answer = await eci.describeContainerLog(
      {
        ...regionOf(ref),
        ContainerGroupId,
        ContainerName,
        Timestamps: true,
        LimitBytes: limitBytes,
        LastTime: lastTime,
        ...start,
      },
      { signal },
    );
    const content = answer.Content ?? "";
    const { lines, complete } = parseLog(content);
    const cut = !complete || new TextEncoder().encode(content).length >= limitBytes;
    const full = lines.length >= start.Tail && !cut;
    if (full && lines[0] && cursor.isAfter(lines[0]) && !cursor.empty)
      onGap?.({
        after: cursor.lastTime,
        before: lines[0].time,
        reason: `more than ${MAX_TAIL} lines between two polls`,
      });
    if (seed) firstRead = false;
    const fresh = cursor.take(lines);
    if (cut && fresh.length === 0 && !cursor.empty) {
      // StartTime has whole seconds and LimitBytes keeps the oldest bytes: a second of log
      // larger than the limit would come back the same forever, so ask for more, or move on
      if (limitBytes < MAX_BYTES) limitBytes = Math.min(MAX_BYTES, limitBytes * 2);
      else {
        onGap?.({
          after: cursor.lastTime,
          before: undefined,
          reason: `more than ${MAX_BYTES} bytes in one second`,
        });
        cursor.skipSecond();
      }
    }
    // a full answer that brought nothing new is the same 2,000 lines again: not worth repeating
    const more = cut || (full && !seed && fresh.length > 0);
    return { lines: seed && tail === 0 ? [] : fresh, more };
  };

  for (;;) {
    check();
    let more = false;
    let yielded = 0;
    let done = false;
    try {
      // the state first: once it says the container ended, the read after it has the last lines
      const answer = await eci.describeContainerGroups(
        { ...regionOf(ref), ContainerGroupIds: [ContainerGroupId] },
        { signal },
      );
      const group = answer.ContainerGroups?.find((g) => g.ContainerGroupId === ContainerGroupId);
      if (!group) return; // deleted: nothing more to read
      const app = group.Containers?.find((x) => x.Name === ContainerName);
      const c = app ?? group.InitContainers?.find((x) => x.Name === ContainerName);
      if (!c) {
        // no such container: the API's own error (InvalidParameter) says so
        await read(false);
        return;
      }
      const count = c.RestartCount ?? 0;
      if (restarts !== undefined && count > restarts) {
        // the run we were reading ended: its rest is now the "previous" log
        if (count > restarts + 1)
          onGap?.({
            after: cursor.lastTime,
            before: undefined,
            reason: `${count - restarts - 1} runs restarted between two polls`,
          });
        for (let previous = { lines: [] as TimedLine[], more: true }; previous.more; ) {
          previous = await read(true);
          for (const line of previous.lines) {
            check();
            yield entry(line);
            yielded++;
          }
        }
      }
      restarts = count;
      const neverRan =
        c.CurrentState?.State === "Waiting" && !c.PreviousState?.State && count === 0;
      if (!neverRan) {
        const current = await read(false);
        more = current.more;
        for (const line of current.lines) {
          check();
          yield entry(line);
          yielded++;
        }
      }
      done = finished(group, c, !app) && !more;
    } catch (thrown) {
      if (signal?.aborted)
        throw thrown instanceof AbortError ? thrown : new AbortError(signal.reason);
      if (!isTransient(thrown)) throw thrown;
    }
    if (done) return;
    if (more) continue; // a cut or full answer: the rest is there already
    idle = yielded > 0 ? 0 : idle + 1;
    try {
      await pause(pollDelay(idle + 1, minDelayMs, maxDelayMs, random), signal);
    } catch (thrown) {
      throw thrown instanceof AbortError ? thrown : new AbortError(signal?.reason ?? thrown);
    }
  }
}

const entry = (line: TimedLine): LogEntry => ({
  time: line.time,
  text: line.text,
  timestamp: line.timestamp,
});
