// Burst launches: thousands of container groups from one controller, none twice. Creates
// go out through an adaptive window (AIMD on throttling), each with a ClientToken derived
// from the batch and the spec, and the wait polls 20 groups per call.
import { AbortError, PopError, ThrottlingError } from "../base/errors.js";
import { sleep as timerSleep } from "../base/time.js";
import type { CallOptions } from "../core/client.js";
import { WaiterError } from "../waiters/errors.js";
import { isTransient } from "../waiters/transient.js";
import { createSpec } from "./launch-create.js";
import { LaunchTally } from "./launch-progress.js";
import { batchKey, specToken } from "./launch-token.js";
import type { LaunchClient, LaunchOptions, LaunchResult, LaunchSpec } from "./launch-types.js";
import { type Settled, StatusPoller } from "./launch-wait.js";
import { LaunchWindow } from "./launch-window.js";

/** Resend pauses: full jitter up to 250 ms × 2^(n-1), at most 5 s. */
const backoff = (sends: number, random: () => number) =>
  Math.floor(random() * Math.min(5_000, 250 * 2 ** (sends - 1)));

/**
 * Creates every spec and, with `waitFor`, waits for each group to get there; resolves one
 * {@link LaunchResult} per spec, in input order (a failed spec never rejects the batch).
 *
 * - Concurrency adapts: from `initialConcurrency` (4) it grows while creates succeed and
 *   halves on throttling, never above `maxConcurrency` (32). A throttled or 5xx create is
 *   sent again after a pause, up to `maxResends` times.
 * - None twice: each spec's ClientToken derives from `batchId` (or a hash of all specs),
 *   its index and its content. Running the same batch again after a crash creates nothing
 *   new and returns the same groups (while the service remembers the tokens).
 * - A spec offering several vSwitches (`"vsw-a,vsw-b"`) goes through
 *   `createContainerGroupWithPlacement`, so a stock-out tries the next one.
 * - The wait asks DescribeContainerGroupStatus about 20 groups per call.
 *
 * @example
 * ```ts
 * const results = await launchContainerGroups(eci, specs, { batchId: "nightly-2025-01-01", waitFor: "Running" });
 * const failed = results.filter((r) => r.error);
 * ```
 */
export async function launchContainerGroups(
  eci: LaunchClient,
  specs: readonly LaunchSpec[],
  options: LaunchOptions = {},
): Promise<LaunchResult[]> {
  const now = options.now ?? Date.now;
  const pause = options.sleep ?? timerSleep;
  const random = options.random ?? Math.random;
  const { signal, onProgress } = options;
  const maxResends = options.maxResends ?? 8;
  // no signal on the calls: a create in flight is let finish, so its answer is reported
  const { signal: _, ...given } = options.call ?? {};
  const call: CallOptions = { retry: { maxAttempts: 1 }, ...given };
  const batch = batchKey(specs, options.batchId);
  const window = new LaunchWindow(options.initialConcurrency ?? 4, options.maxConcurrency ?? 32);
  const started = now();
  const results: LaunchResult[] = specs.map((_, index) => ({ index }));
  const tally = new LaunchTally(specs.length, started);
  const report = () => onProgress?.(tally.snapshot(now(), window.size));
  const wanted = options.waitFor === "Running" ? (s: string) => s === "Running" : options.waitFor;
  const timeoutMs = options.timeoutMs ?? 15 * 60_000;
  const poller = wanted
    ? new StatusPoller(eci, wanted, call, () => now() - started, timeoutMs)
    : undefined;
  const sends = new Array<number>(specs.length).fill(0);

  const createOne = async (index: number, queue: number[]): Promise<void> => {
    const spec = specs[index] as LaunchSpec;
    const mark = window.mark;
    sends[index] = (sends[index] as number) + 1;
    try {
      const id = await createSpec(eci, spec, specToken(batch, index, spec), call);
      window.grow();
      (results[index] as LaunchResult).ContainerGroupId = id;
      tally.queued--;
      if (poller) {
        tally.created++;
        poller.add(index, id, spec.RegionId);
      } else tally.done++;
    } catch (error) {
      if (isTransient(error) && (sends[index] as number) <= maxResends && !signal?.aborted) {
        if (error instanceof ThrottlingError) window.cut(mark);
        // the service's x-acs-retry-after wins over the backoff, as in the client's retries
        const asked = error instanceof PopError ? error.retryAfterMs : undefined;
        const ms =
          asked !== undefined ? Math.min(asked, 20_000) : backoff(sends[index] as number, random);
        await pause(ms, signal).catch(() => {});
        queue.push(index);
      } else {
        (results[index] as LaunchResult).error = error as Error;
        tally.queued--;
        tally.failed++;
      }
    }
    report();
  };

  const creating = pump(specs.length, window, signal, createOne).then((left) => {
    for (const index of left) {
      const r = results[index] as LaunchResult;
      r.error = new AbortError(signal?.reason);
      if (sends[index] === 0) r.notSent = true; // a resent spec may exist: the same batch finds it
      tally.queued--;
      tally.failed++;
    }
  });
  if (!poller) {
    await creating;
    report();
    return results;
  }

  let createsDone = false;
  void creating.then(() => {
    createsDone = true;
  });
  const settle = (list: Settled[]) => {
    for (const s of list) {
      const r = results[s.index] as LaunchResult;
      if (s.status !== undefined) r.status = s.status;
      tally.saw(s.index, s.status);
      tally.created--;
      if (s.error) {
        r.error = s.error;
        tally.failed++;
      } else tally.done++;
    }
  };
  let timedOut = false;
  while (!(createsDone && poller.size === 0)) {
    if (signal?.aborted) break;
    if (now() - started >= timeoutMs) {
      timedOut = true;
      break;
    }
    if (poller.size === 0) {
      await Promise.race([poller.added(), creating]);
      continue;
    }
    await pause(options.pollMs ?? 5_000, signal).catch(() => {});
    if (signal?.aborted) break;
    const settled = await poller.round();
    settle(settled);
    for (const index of indicesOf(poller, results)) tally.saw(index, poller.statusOf(index));
    report();
  }
  await creating;
  // what is still pending (groups created after the loop stopped too) ends here
  if (timedOut)
    settle(poller.drop((p) => timeoutError(p.status, now() - started, timeoutMs, poller.polls)));
  else if (signal?.aborted) settle(poller.drop(() => new AbortError(signal.reason)));
  for (const r of results)
    if (r.status === undefined && poller.statusOf(r.index)) r.status = poller.statusOf(r.index);
  report();
  return results;
}

/** Runs `one` over every index with at most `window.size` in flight; the indices left unsent on abort. */
async function pump(
  total: number,
  window: LaunchWindow,
  signal: AbortSignal | undefined,
  one: (index: number, queue: number[]) => Promise<void>,
): Promise<number[]> {
  const queue = Array.from({ length: total }, (_, i) => i);
  let head = 0;
  let inFlight = 0;
  return new Promise((resolve) => {
    const next = () => {
      while (!signal?.aborted && head < queue.length && inFlight < window.size) {
        const index = queue[head++] as number;
        inFlight++;
        void one(index, queue).finally(() => {
          inFlight--;
          next();
        });
      }
      if (inFlight === 0 && (head >= queue.length || signal?.aborted)) resolve(queue.slice(head));
    };
    next();
  });
}

/** The indices whose group the poller has a status for (to keep the per-state counts current). */
function* indicesOf(poller: StatusPoller, results: LaunchResult[]): Generator<number> {
  for (const r of results)
    if (r.ContainerGroupId && !r.error && poller.statusOf(r.index)) yield r.index;
}

function timeoutError(
  status: string | undefined,
  elapsedMs: number,
  timeoutMs: number,
  attempts: number,
) {
  return new WaiterError({
    waiter: "launchContainerGroups",
    reason: "timeout",
    finalStatus: status,
    lastStatus: status,
    resource: undefined,
    attempts,
    elapsedMs,
    timeoutMs,
  });
}
