// Calls per second against the local server, every contender in every round, in a
// rotating order so machine noise falls on all of them alike. CPU time per call is
// recorded too: it is what the SDK controls, and other jobs on the machine disturb it less.
import { type ContenderId, contenders } from "../lib/contenders.js";
import { medians, rounds, warmUp } from "../lib/measure.js";
import type { LocalServer } from "../lib/server.js";
import { FIXED_BODY } from "../server/bodies.js";

type PerContender<T> = Record<ContenderId, T>;

export interface ThroughputResult {
  /** size of the fixed answer */
  bodyBytes: number;
  rounds: number;
  roundMs: number;
  concurrency: number;
  labels: PerContender<string>;
  /** calls/s per round, one call in flight */
  sequential: PerContender<number[]>;
  /** calls/s per round, `concurrency` calls in flight */
  concurrent: PerContender<number[]>;
  /** median calls/s */
  sequentialMedian: PerContender<number>;
  concurrentMedian: PerContender<number>;
  /** median CPU µs (user + system) of this process per call, one call in flight */
  cpuUsPerCall: PerContender<number>;
}

const ROUNDS = 7;
const ROUND_MS = 500;
const CONCURRENCY = 16;
const WARMUP_CALLS = 1_500;

export async function throughput(
  server: LocalServer,
  log: (line: string) => void,
): Promise<ThroughputResult> {
  const list = await contenders(server.fixedPort);
  log(`warming up ${list.length} contenders (${WARMUP_CALLS} calls each)`);
  await warmUp(list, WARMUP_CALLS);
  log(`sequential: ${ROUNDS} rounds × ${list.length} contenders × ${ROUND_MS} ms`);
  const [sequential] = await rounds(list, { rounds: ROUNDS, roundMs: ROUND_MS, inFlight: [1] });
  log(`concurrency ${CONCURRENCY}: ${ROUNDS} rounds`);
  const [concurrent] = await rounds(list, {
    rounds: ROUNDS,
    roundMs: ROUND_MS,
    inFlight: [CONCURRENCY],
  });
  if (!sequential || !concurrent) throw new Error("no rounds");
  return {
    bodyBytes: Buffer.byteLength(FIXED_BODY),
    rounds: ROUNDS,
    roundMs: ROUND_MS,
    concurrency: CONCURRENCY,
    labels: Object.fromEntries(list.map((c) => [c.id, c.label])) as PerContender<string>,
    sequential: sequential.perSecond,
    concurrent: concurrent.perSecond,
    sequentialMedian: medians(sequential.perSecond),
    concurrentMedian: medians(concurrent.perSecond),
    cpuUsPerCall: medians(sequential.cpuUs),
  };
}
