// The one polling loop behind every waiter.
import { AbortError } from "../base/errors.js";
import { topicLogger } from "../base/logger.js";
import { sleep as timerSleep } from "../base/time.js";
import { loggerOf } from "../core/client.js";
import { pollDelay } from "./backoff.js";
import { WaiterError, type WaiterErrorInit } from "./errors.js";
import { isTransient } from "./transient.js";
import type { WaitDecision, WaiterEvent, WaitUntilSpec } from "./types.js";

/** A poll in flight at the deadline still gets this long to answer. */
const LAST_POLL_MS = 1_000;

/**
 * Polls until `check` says `success` (resolves with its value) or `failure` (throws
 * {@link WaiterError} with reason `"failure"`), or `timeoutMs` runs out (throws
 * WaiterError with reason `"timeout"` and the last status seen). The last poll happens
 * at the deadline, never after it.
 *
 * Pauses grow exponentially from `minDelayMs` (default 1 s) to `maxDelayMs` (default
 * 20 s), with jitter. A poll that fails with throttling, a server error or no answer
 * counts as a failed poll and polling goes on; any other error (permission,
 * authentication, validation, not found, AbortError) ends the wait at once and is
 * thrown as it is. `onProgress` hears about every poll.
 *
 * @example
 * ```ts
 * const vpcAttributes = await waitUntil({
 *   name: "vpc available",
 *   timeoutMs: 60_000,
 *   poll: (call) => vpc.describeVpcAttribute({ RegionId: "cn-hangzhou", VpcId: "vpc-1" }, call),
 *   check: (answer) =>
 *     answer.Status === "Available"
 *       ? { state: "success", value: answer }
 *       : { state: "pending", status: answer.Status, resource: answer },
 * });
 * ```
 */
export async function waitUntil<Answer, Value>(spec: WaitUntilSpec<Answer, Value>): Promise<Value> {
  const { timeoutMs, signal, onProgress } = spec;
  const minDelayMs = spec.minDelayMs ?? 1_000;
  const maxDelayMs = spec.maxDelayMs ?? Math.max(20_000, minDelayMs);
  checkOptions(timeoutMs, minDelayMs, maxDelayMs);
  const now = spec.now ?? Date.now;
  const pause = spec.sleep ?? timerSleep;
  const random = spec.random ?? Math.random;
  const name = spec.name ?? "waitUntil";
  const log = topicLogger("wait", spec.logger ?? (spec.client && loggerOf(spec.client)));

  const started = now();
  let lastStatus: string | undefined;
  let lastResource: unknown;
  let lastEvents: readonly WaiterEvent[] | undefined;
  let lastDetail: string | undefined;
  let lastError: unknown;

  const fail = (
    reason: "failure" | "timeout",
    attempts: number,
    finalStatus: string | undefined,
    raise: (init: WaiterErrorInit) => WaiterError = (init) => new WaiterError(init),
  ) =>
    raise({
      waiter: name,
      subject: spec.subject,
      reason,
      finalStatus,
      lastStatus,
      detail: lastDetail,
      resource: lastResource,
      events: lastEvents,
      attempts,
      elapsedMs: now() - started,
      timeoutMs,
      cause: reason === "timeout" ? lastError : undefined,
    });

  for (let attempt = 1; ; attempt++) {
    if (signal?.aborted) throw new AbortError(signal.reason);
    const left = timeoutMs - (now() - started);
    let decision: WaitDecision<Value> | undefined;
    let error: Error | undefined;
    try {
      const answer = await spec.poll({ signal, deadlineMs: Math.max(left, LAST_POLL_MS) });
      decision = spec.check(answer);
    } catch (thrown) {
      if (signal?.aborted)
        throw thrown instanceof AbortError ? thrown : new AbortError(signal.reason);
      if (!isTransient(thrown)) throw thrown;
      error = thrown as Error;
      lastError = thrown;
      lastDetail = `last poll failed: ${error.message}`;
    }
    if (decision) {
      lastStatus = decision.status ?? lastStatus;
      lastDetail = decision.detail;
      if (decision.state !== "success") {
        if (decision.resource !== undefined) lastResource = decision.resource;
        if (decision.events !== undefined) lastEvents = decision.events;
      }
    }
    const elapsedMs = now() - started;
    onProgress?.({
      status: decision ? decision.status : lastStatus,
      attempt,
      elapsedMs,
      ...(decision?.detail !== undefined ? { detail: decision.detail } : {}),
      ...(error ? { detail: error.message, error } : {}),
    });
    log?.debug(pollLine(name, spec.subject, attempt, elapsedMs, decision, error));
    if (decision?.state === "success") return decision.value;
    if (decision?.state === "failure")
      throw fail("failure", attempt, decision.status, decision.raise);

    const remaining = timeoutMs - elapsedMs;
    if (remaining <= 0) throw fail("timeout", attempt, lastStatus);
    try {
      await pause(Math.min(pollDelay(attempt, minDelayMs, maxDelayMs, random), remaining), signal);
    } catch (thrown) {
      throw thrown instanceof AbortError ? thrown : new AbortError(signal?.reason ?? thrown);
    }
  }
}

function checkOptions(timeoutMs: number, minDelayMs: number, maxDelayMs: number) {
  if (!(Number.isFinite(timeoutMs) && timeoutMs > 0)) {
    throw new RangeError(`timeoutMs must be a positive number of milliseconds, got ${timeoutMs}`);
  }
  if (!(Number.isFinite(minDelayMs) && minDelayMs >= 0)) {
    throw new RangeError(`minDelayMs must be ≥ 0, got ${minDelayMs}`);
  }
  if (!(maxDelayMs >= minDelayMs)) {
    throw new RangeError(`maxDelayMs (${maxDelayMs}) must be ≥ minDelayMs (${minDelayMs})`);
  }
}

/** `waitForContainerGroupRunning eci-1 poll 3 after 12 s: Pending (pulling nginx)` */
function pollLine(
  name: string,
  subject: string | undefined,
  attempt: number,
  elapsedMs: number,
  decision: WaitDecision<unknown> | undefined,
  error: Error | undefined,
): string {
  const head = `${name}${subject ? ` ${subject}` : ""} poll ${attempt} after ${Math.round(elapsedMs / 1000)} s:`;
  if (error) return `${head} failed (${error.name}), polling on`;
  const status = decision?.status ?? "no status";
  const detail = decision?.detail ? ` (${decision.detail})` : "";
  const verdict =
    decision?.state === "success" ? ", done" : decision?.state === "failure" ? ", giving up" : "";
  return `${head} ${status}${detail}${verdict}`;
}
