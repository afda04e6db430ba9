// A fake clock and scripted answers, so waiter tests never wait in real time.
import type { WaiterProgress } from "../../src/waiters/index.js";
import type { FakeHandler } from "../paginate/fake-api.js";

/** `now` and `sleep` hooks on a clock that moves only when the waiter sleeps. */
export function fakeClock() {
  let time = 1_700_000_000_000;
  const start = time;
  const sleeps: number[] = [];
  return {
    now: () => time,
    sleep: async (ms: number, signal?: AbortSignal) => {
      if (signal?.aborted) throw signal.reason;
      sleeps.push(ms);
      time += ms;
    },
    /** jitter in the middle of its range, so delays are predictable */
    random: () => 0.5,
    sleeps,
    elapsed: () => time - start,
  };
}

/** Answers polls in order; the last answer repeats (Responses are cloned: a body reads once). */
export function sequence(...answers: unknown[]): FakeHandler {
  let i = 0;
  return () => {
    const answer = answers[Math.min(i++, answers.length - 1)];
    return answer instanceof Response ? answer.clone() : answer;
  };
}

/** Records onProgress calls. */
export function progress() {
  const log: WaiterProgress[] = [];
  return { log, onProgress: (p: WaiterProgress) => void log.push(p) };
}

/** Options wiring a fake clock and a progress log into a waiter. */
export function harness() {
  const clock = fakeClock();
  const { log, onProgress } = progress();
  return {
    clock,
    log,
    options: { now: clock.now, sleep: clock.sleep, random: clock.random, onProgress },
  };
}

/** The error a promise rejects with (fails the test if it resolves). */
export async function rejection(promise: Promise<unknown>): Promise<Error> {
  try {
    await promise;
  } catch (error) {
    return error as Error;
  }
  throw new Error("expected a rejection");
}
