// the event type is named here, not taken from types.ts, which imports this file
import type { ContainerGroupEvent as WaiterEvent } from "../../generated/eci.types.js";

/** Why a wait ended without success. */
export type WaiterFailureReason = "failure" | "timeout";

/** What `WaiterError` is built from. */
export interface WaiterErrorInit {
  /** the waiter that gave up, e.g. `waitForContainerGroupRunning` */
  waiter: string;
  /** the resource, as named in the message (its id) */
  subject?: string;
  /** `failure`: a state the resource cannot leave; `timeout`: `timeoutMs` ran out */
  reason: WaiterFailureReason;
  /** the status the final poll saw (undefined: the resource was not there) */
  finalStatus: string | undefined;
  /** the status at the last successful poll (undefined: never seen) */
  lastStatus: string | undefined;
  /** more about the status, e.g. an image cache's progress or the latest event */
  detail?: string;
  /** the resource as last seen (undefined: never seen, or gone) */
  resource: unknown;
  /** the resource's latest events, newest first */
  events?: readonly WaiterEvent[];
  /** polls made, failed ones included */
  attempts: number;
  /** time the wait took */
  elapsedMs: number;
  /** the time limit the wait had */
  timeoutMs: number;
  /** the last transient error, when polls were failing */
  cause?: unknown;
  /** replaces `is <status> (<detail>)` in the message: what went wrong, in words (subclasses) */
  summary?: string;
}

/**
 * A wait ended without success: the resource reached a state it cannot leave for the
 * one awaited (`reason: "failure"`, e.g. a container group that Failed), or time ran
 * out (`reason: "timeout"`). Errors that retrying cannot fix (permissions, validation,
 * abort) are not wrapped: they reach the caller as they are.
 */
export class WaiterError extends Error {
  /** always `WaiterError` */
  override name = "WaiterError";
  /** the waiter that gave up, e.g. `waitForContainerGroupRunning` */
  readonly waiter: string;
  /** `failure`: a state the resource cannot leave; `timeout`: `timeoutMs` ran out */
  readonly reason: WaiterFailureReason;
  /** the resource's status at the last successful poll (undefined: never seen) */
  readonly lastStatus: string | undefined;
  /** the resource as last seen (undefined when it was never seen or has disappeared) */
  readonly resource: unknown;
  /** container groups and image caches: their latest events, newest first (the reason users need) */
  readonly events: readonly WaiterEvent[];
  /** polls made, failed ones included */
  readonly attempts: number;
  /** time the wait took */
  readonly elapsedMs: number;

  constructor(init: WaiterErrorInit) {
    const who = init.subject ? `${init.subject} ` : "";
    const detail = init.detail ? ` (${init.detail})` : "";
    const polls = `${init.attempts} poll${init.attempts === 1 ? "" : "s"} in ${seconds(init.elapsedMs)}`;
    const message =
      init.reason === "timeout"
        ? `${who}still ${init.lastStatus ?? "not seen"}${detail} when the ${seconds(init.timeoutMs)} timeout ran out (${polls})`
        : `${who}${init.summary ?? `is ${init.finalStatus ?? "gone"}${detail}`} (${polls})`;
    super(
      `${init.waiter}: ${message}`,
      init.cause === undefined ? undefined : { cause: init.cause },
    );
    this.waiter = init.waiter;
    this.reason = init.reason;
    this.lastStatus = init.lastStatus;
    this.resource = init.resource;
    this.events = init.events ?? [];
    this.attempts = init.attempts;
    this.elapsedMs = init.elapsedMs;
  }

  /** The plain fields, without the stack or the resource; safe to log. */
  toJSON() {
    return {
      /** always `WaiterError` */
      name: this.name,
      /** the waiter, the resource, its status and the polls in one line */
      message: this.message,
      /** {@link WaiterError.waiter} */
      waiter: this.waiter,
      /** {@link WaiterError.reason} */
      reason: this.reason,
      /** {@link WaiterError.lastStatus} */
      lastStatus: this.lastStatus,
      /** {@link WaiterError.events} */
      events: this.events,
      /** {@link WaiterError.attempts} */
      attempts: this.attempts,
      /** {@link WaiterError.elapsedMs} */
      elapsedMs: this.elapsedMs,
    };
  }
}

const seconds = (ms: number) => `${Math.round(ms / 100) / 10} s`;
