// The options every waiter takes and what a check tells `waitUntil`.

import type { ContainerGroupEvent } from "../../generated/eci.types.js";
import type { Logger } from "../base/logger.js";
import type { CallOptions } from "../core/client.js";
import type { WaiterError, WaiterErrorInit } from "./errors.js";

/** An event of a container group or an image cache build (Reason, Message, Type, timestamps). */
export type WaiterEvent = ContainerGroupEvent;

/** What `onProgress` receives after each poll. */
export interface WaiterProgress {
  /** the resource's status from this poll; after a failed poll, the last one seen (if any) */
  status: string | undefined;
  /** polls made so far, this one included (1 for the first) */
  attempt: number;
  /** time since the wait started */
  elapsedMs: number;
  /** a short human note: build progress (`45%`), the latest event, servers still unhealthy */
  detail?: string;
  /** set when this poll failed with an error that retrying may fix (throttling, 5xx, network) */
  error?: Error;
}

/** Options shared by every waiter. */
export interface WaiterOptions {
  /** give up after this long and throw `WaiterError` with reason `"timeout"`; each waiter documents its default */
  timeoutMs?: number;
  /** the first pause between polls; pauses then double up to `maxDelayMs`, with jitter */
  minDelayMs?: number;
  /** the longest pause between polls */
  maxDelayMs?: number;
  /** cancels the wait, the poll in flight included (rejects with AbortError) */
  signal?: AbortSignal;
  /** called after each poll, successful or not; an error it throws ends the wait */
  onProgress?: (progress: WaiterProgress) => void;
  /** clock in ms (tests, fake clocks); default Date.now */
  now?: () => number;
  /** how to pause (tests, fake clocks); must reject when `signal` aborts; default a timer */
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
  /** random source in [0, 1) for the jitter (tests); default Math.random */
  random?: () => number;
  /** logs each poll's state; default the polled client's `logger`, else stderr under `DEBUG=alicloud-eci` */
  logger?: Logger;
}

/** Options of the waiters that read events (container groups, image caches). */
export interface EventWaiterOptions extends WaiterOptions {
  /**
   * `true` (default): fail as soon as the events name a cause the resource will not get
   * past by itself: a group ECI cannot place (`ScheduleError`, first poll that shows it),
   * an image that does not pull (`ImagePullError`, the next poll that still shows it).
   * `false`: only the status decides, e.g. while you add the SNAT entry the pull waits for.
   */
  failFast?: boolean;
}

/** The verdict of a check on one poll's answer. */
export type WaitDecision<Value> =
  | {
      /** the wait is over: `value` is returned to the caller */
      state: "success";
      /** what the waiter resolves with */
      value: Value;
      /** the resource's status, for `onProgress` */
      status?: string;
      /** more about the status (progress, latest event), for `onProgress` */
      detail?: string;
    }
  | {
      /** `pending`: poll again; `failure`: the resource can no longer get there (throws WaiterError) */
      state: "pending" | "failure";
      /** the resource's status, kept as `WaiterError.lastStatus` */
      status?: string;
      /** more about the status (progress, latest event), for `onProgress` and the error message */
      detail?: string;
      /** the resource as seen, kept as `WaiterError.resource` (undefined: it does not exist) */
      resource?: unknown;
      /** its latest events, kept as `WaiterError.events` */
      events?: readonly WaiterEvent[];
      /** on failure: builds a more precise error than WaiterError (a subclass) from what the wait knows */
      raise?: (init: WaiterErrorInit) => WaiterError;
    };

/** What `waitUntil` polls and how it judges each answer. */
export interface WaitUntilSpec<Answer, Value> extends WaiterOptions {
  /** give up after this long (required here; the named waiters have defaults) */
  timeoutMs: number;
  /** one describe call; pass `call` on as its call options so abort and the deadline reach it */
  poll: (call: CallOptions) => Promise<Answer>;
  /** judges one answer */
  check: (answer: Answer) => WaitDecision<Value>;
  /** names the wait in errors, e.g. `waitForContainerGroupRunning` */
  name?: string;
  /** names the resource in errors, e.g. its id */
  subject?: string;
  /** the client polled: its `logger` option logs the polls unless `logger` is given */
  client?: object;
}
