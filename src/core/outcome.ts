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
  });
  return {
    ok: false,
    error,
    failure: { kind: "answer", statusCode, code: error.code },
    statusCode,
    requestId: error.requestId,
    retryAfter: parseRetryAfter(answer.header("x-acs-retry-after")),
    date: answer.header("date"),
  };
}

/** No answer: the attempt timed out, or the connection failed (before sending, or after). */
export function classifyFailure(cause: unknown, limitMs: number, facts: AttemptFacts): Outcome {
  const { action, attempt: attempts, clientToken } = facts;
  if ((cause as { timedOut?: unknown } | undefined)?.timedOut === true) {
    const error = new TimeoutError(`no answer within ${limitMs} ms`, {
      action,
      attempts,
      clientToken,
    });
    return { ok: false, error, failure: { kind: "timeout" } };
  }
  const code = errorCode(cause);
  const notSent = NOT_SENT.has(code ?? "");
  const detail = facts.redact(describe(cause));
  const error = new ConnectionError(`connection failed: ${detail}`, {
    action,
    attempts,
    notSent,
    // the low-level code, never the request: URLs and errors may carry the token
    cause: { code, message: detail },
    clientToken,
  });
  return { ok: false, error, failure: { kind: "connection", notSent } };
}

/** Failures that prove nothing reached the server: refused, unresolvable, unreachable. */
const NOT_SENT = new Set(["ECONNREFUSED", "ENOTFOUND", "EAI_AGAIN", "EHOSTUNREACH"]);

function errorCode(error: unknown): string | undefined {
  const e = error as { code?: unknown; cause?: { code?: unknown } } | undefined;
  const code = e?.code ?? e?.cause?.code;
  return typeof code === "string" ? code : undefined;
}

function describe(error: unknown): string {
  const cause = (error as { cause?: { code?: string; message?: string } })?.cause;
  return errorCode(error) ?? cause?.message ?? (error as Error)?.message ?? String(error);
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
