// The loop the throughput and concurrency sections share: keep N calls in flight for a
// fixed time, every contender in every round, in a rotating order so machine noise falls
// on all of them alike; calls per second and this process's CPU time per call.
import { median, rotate } from "./stats.js";

/** Anything with an id that makes one call and resolves once the answer is parsed. */
export interface Callable<Id extends string = string> {
  id: Id;
  call: () => Promise<unknown>;
}

export type PerId<Id extends string, T> = Record<Id, T>;

/** Keeps `inFlight` calls going for `ms`; returns calls per second and CPU µs per call. */
export async function rate(contender: Callable, ms: number, inFlight: number) {
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

/** Per round, per contender: calls/s and CPU µs per call. */
export interface Runs<Id extends string> {
  perSecond: PerId<Id, number[]>;
  cpuUs: PerId<Id, number[]>;
}

/**
 * `count` rounds; in each, every level of `inFlight` in turn, and within it every contender
 * for `roundMs`, starting one further along the list each round. One level gives the
 * classic loop; several interleave the levels so each one's rounds span the whole run.
 */
export async function rounds<Id extends string>(
  list: readonly Callable<Id>[],
  options: { rounds: number; roundMs: number; inFlight: readonly number[] },
): Promise<Runs<Id>[]> {
  const runs = options.inFlight.map(() => {
    const run = { perSecond: {}, cpuUs: {} } as Runs<Id>;
    for (const c of list) {
      run.perSecond[c.id] = [];
      run.cpuUs[c.id] = [];
    }
    return run;
  });
  for (let round = 0; round < options.rounds; round++) {
    for (const [level, inFlight] of options.inFlight.entries()) {
      const run = runs[level] as Runs<Id>;
      for (const contender of rotate(list, round)) {
        const result = await rate(contender, options.roundMs, inFlight);
        run.perSecond[contender.id].push(result.perSecond);
        run.cpuUs[contender.id].push(result.cpuUs);
      }
    }
  }
  return runs;
}

/** Sequential calls, then `inFlight` at once for `concurrentCalls` more, per contender. */
export async function warmUp(
  list: readonly Callable[],
  calls: number,
  inFlight = 1,
  concurrentCalls = 0,
): Promise<void> {
  for (const contender of list) {
    for (let i = 0; i < calls; i++) await contender.call();
    if (inFlight > 1 && concurrentCalls > 0) {
      const each = Math.ceil(concurrentCalls / inFlight);
      await Promise.all(
        Array.from({ length: inFlight }, async () => {
          for (let i = 0; i < each; i++) await contender.call();
        }),
      );
    }
  }
}

export const medians = <Id extends string>(runs: PerId<Id, number[]>) =>
  Object.fromEntries(
    Object.entries<number[]>(runs).map(([id, values]) => [id, median(values)]),
  ) as PerId<Id, number>;
