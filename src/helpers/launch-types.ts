// What launchContainerGroups takes and gives back.
import type { EciClient } from "../../generated/eci.client.js";
import type { CreateContainerGroupInput } from "../../generated/eci.types.js";
import type { CallOptions } from "../core/client.js";

/** The client methods a launch uses. */
export type LaunchClient = Pick<
  EciClient,
  "createContainerGroup" | "describeContainerGroups" | "describeContainerGroupStatus"
>;

/** What `onProgress` hears after each create and each poll. */
export interface LaunchProgress {
  /** specs in the batch */
  total: number;
  /** specs not yet answered (queued, in flight or waiting to be sent again) */
  queued: number;
  /** specs created (or found created by an earlier run) and not yet settled by the wait */
  created: number;
  /** groups per last seen status (`Pending`, `Running`…) */
  byStatus: Record<string, number>;
  /** specs finished: created and, with `waitFor`, at the wanted state */
  done: number;
  /** specs that failed */
  failed: number;
  /** creates in flight allowed now (the adaptive window) */
  concurrency: number;
  /** finished specs per second since the start */
  perSecond: number;
  /** time left at that rate (undefined until something finished) */
  etaMs: number | undefined;
  /** time since the start */
  elapsedMs: number;
}

/** Options of `launchContainerGroups`. */
export interface LaunchOptions {
  /**
   * Names the batch in every ClientToken (with the spec's index and a hash of the spec).
   * Give the same one to resume a batch; omitted: a hash of all the specs, so the same
   * specs are the same batch.
   */
  batchId?: string;
  /** wait for each group: `"Running"`, or a test of its status (true: done) */
  waitFor?: "Running" | ((status: string) => boolean);
  /** creates in flight at the start (default 4) */
  initialConcurrency?: number;
  /** never more creates in flight than this (default 32) */
  maxConcurrency?: number;
  /** how often one spec is sent again after throttling or a server error (default 8) */
  maxResends?: number;
  /** pause between poll rounds of the wait (default 5 s) */
  pollMs?: number;
  /** give up waiting this long after the batch started (default 15 minutes); groups still pending end with a WaiterError */
  timeoutMs?: number;
  /** stops sending; specs not sent yet end with `notSent` and an AbortError, the rest as seen */
  signal?: AbortSignal;
  /** counts per state, a rate and an ETA */
  onProgress?: (progress: LaunchProgress) => void;
  /**
   * Per-call options. Default `retry: { maxAttempts: 1 }`: the launcher sends again itself
   * (after the answer's `x-acs-retry-after` when it has one), so every throttle narrows the
   * window; give `retry` to let the client retry first.
   */
  call?: CallOptions;
  /** clock in ms (fake clocks); default Date.now */
  now?: () => number;
  /** how to pause (fake clocks: `fake.waiterOptions().sleep`); default a timer */
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
  /** random source in [0, 1) for the backoff jitter; default Math.random */
  random?: () => number;
}

/** One spec's outcome, at its index in the batch. */
export interface LaunchResult {
  /** the spec's index in the input */
  index: number;
  /** the group, created by this run or an earlier one with the same batch */
  ContainerGroupId?: string;
  /** its last status seen (with `waitFor`) */
  status?: string;
  /** why it failed; the others of the batch go on */
  error?: Error;
  /** true: never sent (cancelled), safe to send in another batch */
  notSent?: true;
}

/** A spec, RegionId optional (the client's region). */
export type LaunchSpec = CreateContainerGroupInput;
