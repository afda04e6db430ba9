// Readable progress for the examples: elapsed time, steps, ids and state changes.
import type { WaiterOptions, WaiterProgress } from "alicloud-eci";

let now: () => number = () => performance.now();
let started = now();
let steps = 0;
const clock = () => `[${((now() - started) / 1000).toFixed(1).padStart(5)}s]`;

/**
 * Times the lines from here on with `clock` (ms), e.g. the fake cloud's: on its manual
 * clock, the elapsed times are those the steps would take in real time. Steps are
 * numbered from 1 again.
 */
export function timeWith(clock: () => number): void {
  now = clock;
  started = now();
  steps = 0;
}

/**
 * A step heading, numbered in the order the steps run: an example on its own and the
 * quick start, which runs several of them, both count 1, 2, 3…
 */
export function step(title: string): void {
  steps += 1;
  heading(`${steps}. ${title}`);
}

/** A heading without a number (the clean-up). */
export function heading(title: string): void {
  console.log(`\n${clock()} ${title}`);
}

/** A line under the current step. */
export function info(text: string): void {
  console.log(`${clock()}    ${text}`);
}

/**
 * Waiter options that print each change of state (`Pending → Available`), with the
 * example's base options (a quick poll against the fake).
 */
export function watch(label: string, base: WaiterOptions = {}): WaiterOptions {
  let last: string | undefined;
  return {
    ...base,
    onProgress: (p: WaiterProgress) => {
      const now = `${p.status ?? "?"}${p.detail ? ` (${p.detail})` : ""}`;
      if (now !== last) info(`${label}: ${now}`);
      last = now;
    },
  };
}
