// Calls per second and client CPU per call at 1 and at 32 calls in flight, four contenders
// side by side: the floor (the SDK's signed request replayed over plain node:http), this
// SDK on its default transport and over global fetch, and the official SDK. Each round runs
// both levels, every contender in a rotating order, so noise falls on all of them alike.
import { type ConcurrencyId, concurrencyContenders } from "../lib/contenders.js";
import { medians, type PerId, type Runs, rounds, warmUp } from "../lib/measure.js";
import type { LocalServer } from "../lib/server.js";
import { FIXED_BODY } from "../server/bodies.js";

type PerContender<T> = PerId<ConcurrencyId, T>;

/** What one level of calls in flight measured. */
export interface ConcurrencyLevel {
  inFlight: number;
  /** calls/s per round */
  perSecond: PerContender<number[]>;
  /** CPU µs (user + system) of this process per call, per round */
  cpuUs: PerContender<number[]>;
  perSecondMedian: PerContender<number>;
  cpuUsMedian: PerContender<number>;
}

export interface ConcurrencyResult {
  /** size of the fixed answer */
  bodyBytes: number;
  rounds: number;
  roundMs: number;
  labels: PerContender<string>;
  levels: ConcurrencyLevel[];
}

export const LEVELS = [1, 32] as const;
const ROUNDS = 9; // nine rounds of 0.7 s: the medians hold still on a shared 2-core machine
const ROUND_MS = 700;
const WARMUP_CALLS = 1_500;

const level = (inFlight: number, runs: Runs<ConcurrencyId>): ConcurrencyLevel => ({
  inFlight,
  perSecond: runs.perSecond,
  cpuUs: runs.cpuUs,
  perSecondMedian: medians(runs.perSecond),
  cpuUsMedian: medians(runs.cpuUs),
});

export async function concurrency(
  server: LocalServer,
  log: (line: string) => void,
): Promise<ConcurrencyResult> {
  const list = await concurrencyContenders(server.fixedPort);
  const most = Math.max(...LEVELS);
  log(`warming up ${list.length} contenders (${WARMUP_CALLS} calls each, then ${most} in flight)`);
  // the concurrent burst also opens each contender's sockets before anything is timed
  await warmUp(list, WARMUP_CALLS, most, WARMUP_CALLS);
  log(
    `${ROUNDS} rounds × ${LEVELS.length} levels (${LEVELS.join(", ")} in flight) × ${list.length} contenders × ${ROUND_MS} ms`,
  );
  const runs = await rounds(list, { rounds: ROUNDS, roundMs: ROUND_MS, inFlight: LEVELS });
  return {
    bodyBytes: Buffer.byteLength(FIXED_BODY),
    rounds: ROUNDS,
    roundMs: ROUND_MS,
    labels: Object.fromEntries(list.map((c) => [c.id, c.label])) as PerContender<string>,
    levels: LEVELS.map((inFlight, i) => level(inFlight, runs[i] as Runs<ConcurrencyId>)),
  };
}
