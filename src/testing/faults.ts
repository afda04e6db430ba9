// Failures on demand, so retries, waiters and timeouts can be tested: throttling a share
// of calls, rate limits per action on the fake's clock, failing the next calls of an action
// (the service's heavy-load UnknownError among them), slow answers, dropped connections.
import { FakeApiError } from "./errors.js";
import { own } from "./own.js";

/** How `failNext` fails. */
export interface FailOptions {
  /** how many calls fail (default 1) */
  count?: number;
  /** POP error code (default `ServiceUnavailable`) */
  code?: string;
  /** HTTP status (default: the code's usual one, e.g. 503 for ServiceUnavailable, 400 for throttling) */
  status?: number;
  /** error message (default: the code's usual wording) */
  message?: string;
  /** sends `x-acs-retry-after: <ms>`, which clients use as the retry delay */
  retryAfterMs?: number;
}

/** How `dropConnection` drops. */
export interface DropOptions {
  /** how many calls are dropped (default 1) */
  count?: number;
  /** true: the call is carried out, then the connection drops before the answer (default false) */
  afterSending?: boolean;
}

/** What the gateway does with one call, as far as faults go. */
export interface FaultDecision {
  latencyMs: number;
  drop?: "before" | "after";
}

const MESSAGES: Record<string, string> = {
  "Throttling.User": "Request was denied due to user flow control.",
  "Throttling.Api": "Request was denied due to api flow control.",
  Throttling: "Request was denied due to request throttling.",
  ServiceUnavailable: "The request has failed due to a temporary failure of the server.",
  InternalError:
    "The request processing has failed due to some unknown error, exception or failure.",
  // ECI's answer when it is overloaded (HTTP 500; the SDK retries it)
  UnknownError:
    "The ECI service is under heavy load while creating container group resources, please wait and try again later",
};

const statusOf = (code: string) =>
  code.includes("Throttling")
    ? 400
    : code === "ServiceUnavailable"
      ? 503
      : code === "InternalError" || code === "UnknownError"
        ? 500
        : 400;

interface Failure {
  action: string | undefined;
  left: number;
  error: () => FakeApiError;
}

/** How `rateLimit` limits. */
export interface RateLimitOptions {
  /** the action limited (omitted: every action together, the account's limit) */
  action?: string;
  /** calls per second allowed on average */
  perSecond: number;
  /** calls allowed at once after a quiet spell (default: `perSecond`) */
  burst?: number;
}

/** A token bucket on the fake's clock. */
interface Bucket {
  action: string | undefined;
  perMs: number;
  burst: number;
  tokens: number;
  at: number;
}

interface Drop {
  action: string | undefined;
  left: number;
  after: boolean;
}

/** `fake.faults`: switch failures on and off. Faults match an action name, or every action. */
export class Faults {
  private throttleShare = 0;
  private throttleAction: string | undefined;
  private readonly failures: Failure[] = [];
  private readonly drops: Drop[] = [];
  private readonly latencies = new Map<string | undefined, number>();
  private readonly buckets: Bucket[] = [];

  /** @internal The fake cloud makes one; tests reach it as `fake.faults`. */
  constructor(
    private readonly random: () => number,
    private readonly now: () => number = Date.now,
  ) {}

  /**
   * Limits an action (or, without `action`, every call) to `perSecond` calls a second on
   * the fake's clock, `burst` at once: a call over the limit is answered `Throttling.Api`
   * (one action) or `Throttling.User` (the account), HTTP 400, as the gateway does in a
   * burst. Opt-in; `perSecond: 0` removes the limit. On the manual clock the bucket refills
   * only as `fake.advance` (or a waiter's pause) moves time.
   */
  rateLimit(options: RateLimitOptions): void {
    const { action, perSecond } = options;
    if (!(perSecond >= 0 && Number.isFinite(perSecond)))
      throw new RangeError(`rateLimit needs a non-negative perSecond, got ${perSecond}`);
    const index = this.buckets.findIndex((b) => b.action === action);
    if (index >= 0) this.buckets.splice(index, 1);
    if (perSecond === 0) return;
    const burst = Math.max(1, options.burst ?? Math.ceil(perSecond));
    this.buckets.push({ action, perMs: perSecond / 1000, burst, tokens: burst, at: this.now() });
  }

  /**
   * Answers a share (0–1) of calls with `Throttling.User` (HTTP 400); which calls is
   * decided by the fake's seed, so a test sees the same pattern every run. `0` stops it.
   */
  throttle(share: number, options: { action?: string } = {}): void {
    if (!(share >= 0 && share <= 1))
      throw new RangeError(`throttle(share) needs a number between 0 and 1, got ${share}`);
    this.throttleShare = share;
    this.throttleAction = options.action;
  }

  /** Fails the next `count` calls of `action` (`"*"`: any action) with the given error. */
  failNext(action: string, options: FailOptions = {}): void {
    const code = options.code ?? "ServiceUnavailable";
    const status = options.status ?? statusOf(code);
    const message = options.message ?? own(MESSAGES, code) ?? `The request failed with ${code}.`;
    const headers: Record<string, string> =
      options.retryAfterMs !== undefined
        ? { "x-acs-retry-after": String(Math.round(options.retryAfterMs)) }
        : {};
    this.failures.push({
      action: action === "*" ? undefined : action,
      left: options.count ?? 1,
      error: () => new FakeApiError(code, message, status, headers),
    });
  }

  /** Delays answers by `ms` (real time): every call, or one action with `{ action, ms }`. `0` removes it. */
  latency(option: number | { action?: string; ms: number }): void {
    const { action, ms } = typeof option === "number" ? { action: undefined, ms: option } : option;
    if (!(ms >= 0)) throw new RangeError(`latency needs a non-negative number of ms, got ${ms}`);
    if (ms === 0) this.latencies.delete(action);
    else this.latencies.set(action, ms);
  }

  /**
   * Drops the connection of the next `count` calls of `action` (omitted: any action):
   * the server closes the socket and `fetch` rejects. With `afterSending` the call is
   * carried out first, as when an answer is lost on the way back.
   */
  dropConnection(action?: string, options: DropOptions = {}): void {
    this.drops.push({ action, left: options.count ?? 1, after: options.afterSending ?? false });
  }

  /** Removes every fault. */
  clear(): void {
    this.throttleShare = 0;
    this.throttleAction = undefined;
    this.failures.length = 0;
    this.drops.length = 0;
    this.latencies.clear();
    this.buckets.length = 0;
  }

  /** @internal Latency and drops for a call, decided as soon as its action is known. */
  onArrival(action: string): FaultDecision {
    const latencyMs = (this.latencies.get(undefined) ?? 0) + (this.latencies.get(action) ?? 0);
    const drop = take(this.drops, action);
    return drop ? { latencyMs, drop: drop.after ? "after" : "before" } : { latencyMs };
  }

  /** @internal The injected error for an authenticated call, if any. */
  onCall(action: string): FakeApiError | undefined {
    const failure = take(this.failures, action);
    if (failure) return failure.error();
    const limited = this.overLimit(action);
    if (limited) return limited;
    if (
      this.throttleShare > 0 &&
      (this.throttleAction === undefined || this.throttleAction === action)
    ) {
      if (this.random() < this.throttleShare) {
        return new FakeApiError("Throttling.User", MESSAGES["Throttling.User"] as string, 400);
      }
    }
    return undefined;
  }

  /** Takes a token from the buckets that cover `action`; the refusal when one is empty. */
  private overLimit(action: string): FakeApiError | undefined {
    const now = this.now();
    for (const bucket of this.buckets) {
      if (bucket.action !== undefined && bucket.action !== action) continue;
      bucket.tokens = Math.min(bucket.burst, bucket.tokens + (now - bucket.at) * bucket.perMs);
      bucket.at = now;
      if (bucket.tokens < 1) {
        const code = bucket.action === undefined ? "Throttling.User" : "Throttling.Api";
        return new FakeApiError(code, MESSAGES[code] as string, 400);
      }
    }
    for (const bucket of this.buckets)
      if (bucket.action === undefined || bucket.action === action) bucket.tokens -= 1;
    return undefined;
  }
}

function take<T extends { action: string | undefined; left: number }>(
  list: T[],
  action: string,
): T | undefined {
  const index = list.findIndex((item) => item.action === undefined || item.action === action);
  if (index < 0) return undefined;
  const item = list[index] as T;
  if (--item.left <= 0) list.splice(index, 1);
  return item;
}
