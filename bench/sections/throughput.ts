// Calls per second against the local server, every contender in every round, in a
// rotating order so machine noise falls on all of them alike. CPU time per call is
// recorded too: it is what the SDK controls, and other jobs on the machine disturb it less.
import { type Contender, type ContenderId, contenders } from "../lib/contenders.js";
import type { LocalServer } from "../lib/server.js";
import { median, rotate } from "../lib/stats.js";
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

/** Keeps `inFlight` calls going for `ms`; returns calls per second and CPU µs per call. */
async function rate(contender: Contender, ms: number, inFlight: number) {
  let calls = 0;
  const cpu = process.cpuUsage();
  const started = performance.now();
  const end = started + ms;
  const worker = async () => {
    while (performance.now() < end) {
      await contender.call();
      calls++;
    }
  };
  await Promise.all(Array.from({ length: inFlight }, worker));
  const used = process.cpuUsage(cpu);
  return {
    perSecond: (calls * 1000) / (performance.now() - started),
    cpuUs: (used.user + used.system) / calls,
  };
}

async function rounds(list: Contender[], inFlight: number) {
  const perSecond = {} as PerContender<number[]>;
  const cpuUs = {} as PerContender<number[]>;
  for (const c of list) {
    perSecond[c.id] = [];
    cpuUs[c.id] = [];
  }
  for (let round = 0; round < ROUNDS; round++) {
    for (const contender of rotate(list, round)) {
      const result = await rate(contender, ROUND_MS, inFlight);
      perSecond[contender.id].push(result.perSecond);
      cpuUs[contender.id].push(result.cpuUs);
    }
  }
  return { perSecond, cpuUs };
}

const medians = (runs: PerContender<number[]>) =>
  Object.fromEntries(
    Object.entries(runs).map(([id, values]) => [id, median(values)]),
  ) as PerContender<number>;

export async function throughput(
  server: LocalServer,
  log: (line: string) => void,
): Promise<ThroughputResult> {
  const list = await contenders(server.fixedPort);
  log(`warming up ${list.length} contenders (${WARMUP_CALLS} calls each)`);
  for (const contender of list) {
    for (let i = 0; i < WARMUP_CALLS; i++) await contender.call();
  }
  log(`sequential: ${ROUNDS} rounds × ${list.length} contenders × ${ROUND_MS} ms`);
  const sequential = await rounds(list, 1);
  log(`concurrency ${CONCURRENCY}: ${ROUNDS} rounds`);
  const concurrent = await rounds(list, CONCURRENCY);
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
