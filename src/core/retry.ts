import { isThrottlingCode } from "../base/errors.js";

/** How failed attempts are retried. `retry: false` on the client turns retries off. */
export interface RetryOptions {
  /** attempts per call, the first one included (default 3) */
  maxAttempts?: number;
  /** backoff base: attempt n waits a random time up to base × 2^(n-1) (default 200 ms) */
  baseDelayMs?: number;
  /** base for throttling answers, which need a longer pause (default 1000 ms) */
  throttlingBaseDelayMs?: number;
  /** upper bound of a single wait, `x-acs-retry-after` included (default 20 s) */
  maxDelayMs?: number;
}

export const DEFAULT_RETRY: Required<RetryOptions> = {
  maxAttempts: 3,
  baseDelayMs: 200,
  throttlingBaseDelayMs: 1000,
  maxDelayMs: 20_000,
};

/** What an attempt ended with, as far as retrying is concerned. */
export type AttemptOutcome =
  | { kind: "answer"; statusCode: number; code: string }
  /** `final`: another attempt would fail the same way (a proxy refused the credentials) */
  | { kind: "connection"; notSent: boolean; final?: boolean }
  | { kind: "timeout" }
  /** a success status whose body could not be read */
  | { kind: "unreadable" };

/**
 * Whether an attempt may be repeated. `safe` means repeating cannot create anything
 * twice: the action only reads, or it carries a ClientToken. Otherwise only failures
 * that prove the request was not processed are retried.
 */
export function isRetryable(outcome: AttemptOutcome, safe: boolean): boolean {
  switch (outcome.kind) {
    case "answer": {
      if (isThrottlingCode(outcome.code)) return true;
      if (!safe) return false;
      return (
        outcome.code === "ServiceUnavailable" ||
        outcome.code === "InternalError" ||
        outcome.statusCode >= 500
      );
    }
    case "connection":
      return !outcome.final && (safe || outcome.notSent);
    case "timeout":
    case "unreadable":
      return safe;
  }
}

/** Full-jitter exponential backoff, capped; a server's retry-after wins when present. */
export function backoffDelay(
  policy: Required<RetryOptions>,
  attempt: number,
  throttled: boolean,
  retryAfterMs: number | undefined,
  random: () => number = Math.random,
): number {
  if (retryAfterMs !== undefined) return Math.min(retryAfterMs, policy.maxDelayMs);
  const base = throttled ? policy.throttlingBaseDelayMs : policy.baseDelayMs;
  return Math.floor(random() * Math.min(policy.maxDelayMs, base * 2 ** (attempt - 1)));
}

/** `x-acs-retry-after`: a positive integer number of milliseconds (as the official cores read it). */
export function parseRetryAfter(value: string | null | undefined): number | undefined {
  const n = value ? Number(value.trim()) : Number.NaN;
  return Number.isInteger(n) && n > 0 ? n : undefined;
}
