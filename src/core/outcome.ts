// The one place that decides what an attempt came to: a success, an API error of its
// class, the proxy's ValidationError, an unreadable success, a connection failure
// (before or after sending), or a timeout.

import {
  ConnectionError,
  InvalidResponseError,
  type PopError,
  type PopErrorBody,
  popError,
  type RequestError,
  TimeoutError,
  ValidationError,
  type ValidationIssue,
} from "../base/errors.js";
import { codeOf, SendFailure } from "../transport/send-failure.js";
import type { Answer } from "../transport/types.js";
import { type AttemptOutcome, parseRetryAfter } from "./retry.js";

/** How one attempt ended. */
export type Outcome =
  | { ok: true; data: object; statusCode: number; requestId?: string }
  | {
      ok: false;
      error: PopError | RequestError | ValidationError;
      /** what retrying needs to know */
      failure: AttemptOutcome;
      statusCode?: number;
      requestId?: string;
      /** `x-acs-retry-after`, in ms */
      retryAfter?: number;
      /** the answer's `Date` header, for clock-skew correction */
      date?: string;
    };

/** What an error names besides its cause. */
export interface AttemptFacts {
  product: string;
  action: string;
  attempt: number;
  /** the ClientToken the SDK generated, when it did */
  clientToken: string | undefined;
  /** masks the secrets of this attempt in text that came back */
  redact: (text: string) => string;
}

/** An answer arrived: success, or the error it says. */
export function classifyAnswer(answer: Answer, facts: AttemptFacts): Outcome {
  const { status: statusCode, text } = answer;
  const { action, attempt: attempts, clientToken } = facts;
  if (statusCode >= 200 && statusCode < 300) {
    const data = parseObject(text);
    if (data) {
      const requestId = (data as PopErrorBody).RequestId ?? answer.header("x-acs-request-id");
      return { ok: true, data, statusCode, requestId };
    }
    // an empty or cut-short success would lose what the call made (a new group's id)
    const error = new InvalidResponseError(
      `HTTP ${statusCode} with ${text ? "a body that is not a JSON object" : "an empty body"}`,
      { action, attempts, statusCode, requestId: answer.header("x-acs-request-id"), clientToken },
    );
    return { ok: false, error, failure: { kind: "unreadable" }, statusCode };
  }
  // an error answer may echo the request (a v1 string to sign, a URL): mask secrets first
  const clean = facts.redact(text);
  const body = parseObject(clean) as PopErrorBody | undefined;
  if (body?.Code === "ValidationError" && Array.isArray(body.Issues)) {
    // the signing proxy checked the input against the spec and refused it
    const error = new ValidationError(action, body.Issues as ValidationIssue[]);
    return {
      ok: false,
      error,
      failure: { kind: "answer", statusCode, code: "ValidationError" },
      statusCode,
    };
  }
  const error = popError({
    statusCode,
    body: body ?? {},
    rawBody: body || !clean ? undefined : clean,
    product: facts.product,
    action,
    attempts,
    requestId: answer.header("x-acs-request-id"),
    clientToken,
    retryAfterMs: parseRetryAfter(answer.header("x-acs-retry-after")),
  });
  return {
    ok: false,
    error,
    failure: { kind: "answer", statusCode, code: error.code },
    statusCode,
    requestId: error.requestId,
    retryAfter: error.retryAfterMs,
    date: answer.header("date"),
  };
}

/**
 * No answer: the attempt timed out, the connection failed (before sending, or after), or
 * it never opened. A {@link SendFailure} says where and how; anything else a sender
 * rejects with is read for its `code` and a `timedOut` mark.
 */
export function classifyFailure(cause: unknown, limitMs: number, facts: AttemptFacts): Outcome {
  const { action, attempt: attempts, clientToken } = facts;
  const failure = cause instanceof SendFailure ? cause : undefined;
  const error = failure ? failure.cause : cause;
  const code = failure?.code ?? codeOf(error);
  const notSent = failure?.notSent === true || NOT_SENT.has(code ?? "");
  const init = { action, attempts, clientToken, notSent, host: failure?.host };
  if (failure?.timedOut ?? (error as { timedOut?: unknown } | undefined)?.timedOut === true) {
    if (notSent) {
      // the connection never opened: nothing was sent, so retrying is always safe
      const reason = facts.redact(failure?.reason ?? `no connection within ${limitMs} ms`);
      return {
        ok: false,
        error: new TimeoutError(reason, init),
        failure: { kind: "connection", notSent },
      };
    }
    const timeout = new TimeoutError(`no answer within ${limitMs} ms`, init);
    return { ok: false, error: timeout, failure: { kind: "timeout" } };
  }
  // the sender's words, or the low-level code; never the request: URLs and errors may carry the token
  const detail = facts.redact(failure?.reason ?? describe(error, code));
  const message = failure?.reason ? detail : `connection failed: ${detail}`;
  const connection = new ConnectionError(message, { ...init, cause: { code, message: detail } });
  const final = failure?.final === true;
  return { ok: false, error: connection, failure: { kind: "connection", notSent, final } };
}

/** Failures that prove nothing reached the server: refused, unresolvable, unreachable. */
const NOT_SENT = new Set(["ECONNREFUSED", "ENOTFOUND", "EAI_AGAIN", "EHOSTUNREACH"]);

function describe(error: unknown, code: string | undefined): string {
  const cause = (error as { cause?: { message?: string } })?.cause;
  return code ?? cause?.message ?? (error as Error)?.message ?? String(error);
}

function parseObject(text: string): object | undefined {
  if (!text) return undefined;
  try {
    const value: unknown = JSON.parse(text);
    return typeof value === "object" && value !== null && !Array.isArray(value) ? value : undefined;
  } catch {
    return undefined;
  }
}
