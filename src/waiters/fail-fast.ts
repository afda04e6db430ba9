// Failing fast on the cause the events name: a group that cannot be placed fails the wait
// at the first poll that shows it; an image that does not pull is reported through
// onProgress first and fails the wait at the next poll that still shows it (or at the
// first repeat of the pull for causes that may pass, such as a registry's rate limit, and
// for a failure that was there before the wait began: its cause may be fixed already).
import { type PullFailure, pullFailures, scheduleFailure } from "./diagnose.js";
import type { WaiterError, WaiterErrorInit } from "./errors.js";
import { ImagePullError, ScheduleError } from "./failures.js";
import type { WaiterEvent } from "./types.js";

/** What the judge says about one poll. */
export type Cause =
  | { verdict: "fail"; detail: string; raise: (init: WaiterErrorInit) => WaiterError }
  | { verdict: "report"; detail: string }
  | undefined;

/** Where the resource was meant to run, for ScheduleError. */
export interface Placement {
  zoneId?: string | undefined;
  instanceType?: string | undefined;
}

/** A judge that remembers what earlier polls saw (one per wait). */
export function causeJudge(): (
  latest: readonly WaiterEvent[],
  terminal: boolean,
  where: Placement,
) => Cause {
  const firstSeen = new Map<string, { count: number; poll: number }>();
  let poll = 0;
  return (latest, terminal, where) => {
    poll++;
    const schedule = scheduleFailure(latest);
    if (schedule)
      return {
        verdict: "fail",
        detail: `${schedule.code}: ${schedule.event.Message ?? ""}`,
        raise: (init) => new ScheduleError(init, schedule, where),
      };
    const [pull] = pullFailures(latest);
    if (!pull) {
      firstSeen.clear();
      return undefined;
    }
    const detail = `pull of "${pull.image}" failed (${pull.kind}), retrying: ${pull.event.Message ?? ""}`;
    const before = firstSeen.get(pull.image);
    if (before === undefined) firstSeen.set(pull.image, { count: pull.count, poll });
    if (terminal || failsNow(pull, before))
      return { verdict: "fail", detail, raise: (init) => new ImagePullError(init, pull) };
    return { verdict: "report", detail };
  };
}

/**
 * A definite cause seen during the wait fails at its next sighting. An unknown cause, or a
 * failure already there at the first poll (the cause may have been fixed since, e.g. a
 * SNAT entry added), fails once the pull failed again.
 */
function failsNow(pull: PullFailure, before: { count: number; poll: number } | undefined): boolean {
  if (before === undefined) return false;
  const mustRepeat = pull.kind === "unknown" || before.poll === 1;
  return mustRepeat ? pull.count > before.count : true;
}
