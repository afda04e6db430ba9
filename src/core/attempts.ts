// One call, attempt by attempt: send under a timer, read and classify the answer, and
// retry what may be retried (backoff, retry-after, deadline, abort, clock skew).
import type { FetchLike, Transport } from "../transport/types.js";
import {
  AbortError,
  ConnectionError,
  type PopError,
  type PopErrorBody,
  popError,
  type RequestError,
  ThrottlingError,
  TimeoutError,
  ValidationError,
  type ValidationIssue,
} from "./errors.js";
import type { ActionInfo } from "./meta.js";
import type { AttemptInfo, CallOptions, ClientOptions } from "./options.js";
import {
  type AttemptOutcome,
  backoffDelay,
  DEFAULT_RETRY,
  isRetryable,
  parseRetryAfter,
} from "./retry.js";
import { sleep } from "./time.js";

/** Everything one call needs besides its prepared request. */
export interface CallPlan {
  product: string;
  action: string;
  meta: ActionInfo;
  transport: Transport;
  fetch: FetchLike;
  client: ClientOptions;
  call: CallOptions | undefined;
  /** methods get the parsed body (and throw); raw openapi-fetch callers get the Response */
  raw: boolean;
  now: () => number;
  /** corrects the signing clock from a server's Date header; false when it cannot */
  adjustClock: (response: Response) => boolean;
}

/** How one attempt ended. */
type AttemptResult =
  | { kind: "raw"; response: Response }
  | { kind: "ok"; data: unknown; statusCode: number; requestId?: string }
  | {
      kind: "failed";
      error: PopError | RequestError | ValidationError;
      outcome: AttemptOutcome;
      statusCode?: number;
      requestId?: string;
      retryAfter?: number;
      /** the answer, when there was one (raw callers get it back) */
      response?: Response;
      text?: string;
    };

const TIMED_OUT = new Error("attempt timed out");

/** Runs the attempts of one call; resolves to the parsed body (or, for raw callers, the Response). */
export async function runAttempts(plan: CallPlan, prepared: unknown): Promise<unknown> {
  const { client, call, now } = plan;
  const retryOption = call?.retry ?? client.retry;
  const policy = retryOption === false ? undefined : { ...DEFAULT_RETRY, ...retryOption };
  const timeoutMs = call?.timeoutMs ?? client.timeoutMs ?? 30_000;
  const deadlineMs = call?.deadlineMs ?? client.deadlineMs;
  const deadline = deadlineMs === undefined ? undefined : now() + deadlineMs;
  const signals = [call?.signal, client.signal].filter((s): s is AbortSignal => s !== undefined);
  const signal = signals.length > 1 ? AbortSignal.any(signals) : signals[0];
  // repeating is safe when the action only reads or carries a ClientToken
  const safe = plan.meta.ro === true || plan.meta.ct !== undefined;
  let skewRetried = false;

  for (let attempt = 1; ; attempt++) {
    if (signal?.aborted) throw new AbortError(signal.reason);
    const started = now();
    const limit = deadline === undefined ? timeoutMs : Math.min(timeoutMs, deadline - started);
    const result = await sendOnce(plan, prepared, attempt, limit, signal);
    const report = (fields: Omit<AttemptInfo, "product" | "action" | "attempt" | "durationMs">) =>
      client.onAttempt?.(
        defined({
          product: plan.product,
          action: plan.action,
          attempt,
          durationMs: now() - started,
          ...fields,
        }),
      );

    if (result.kind === "raw") return result.response;
    if (result.kind === "ok") {
      report({ statusCode: result.statusCode, requestId: result.requestId });
      return result.data;
    }
    const { error } = result;
    const errorCode = (error as PopError).code ?? error.name;
    const facts = { statusCode: result.statusCode, requestId: result.requestId, errorCode };
    if (
      errorCode === "InvalidTimeStamp.Expired" &&
      !skewRetried &&
      result.response &&
      plan.adjustClock(result.response)
    ) {
      skewRetried = true; // the clock was wrong, not the request: one extra attempt
      report({ ...facts, delayMs: 0 });
      continue;
    }
    let delay =
      policy && attempt < policy.maxAttempts && isRetryable(result.outcome, safe)
        ? backoffDelay(
            policy,
            attempt,
            error instanceof ThrottlingError,
            result.retryAfter,
            client.random,
          )
        : undefined;
    if (delay !== undefined && deadline !== undefined && now() + delay >= deadline)
      delay = undefined;
    report({ ...facts, delayMs: delay });
    if (delay === undefined) {
      if (plan.raw && result.response) {
        return new Response(result.text, {
          status: result.response.status,
          headers: result.response.headers,
        });
      }
      throw error;
    }
    await sleep(delay, signal).catch(() => {
      throw new AbortError(signal?.reason);
    });
  }
}

/** One attempt under its own timer: send, read the answer, classify it. */
async function sendOnce(
  plan: CallPlan,
  prepared: unknown,
  attempt: number,
  limitMs: number,
  signal: AbortSignal | undefined,
): Promise<AttemptResult> {
  const { action, transport } = plan;
  // credentials and signing happen before the timer: their failures are not network failures
  const outgoing = await transport.request(prepared);
  const timer = new AbortController();
  const onAbort = () => timer.abort(signal?.reason);
  signal?.addEventListener("abort", onAbort, { once: true });
  const timeout = setTimeout(() => timer.abort(TIMED_OUT), limitMs);
  let response: Response;
  let text: string;
  try {
    response = await plan.fetch(outgoing.url, { ...outgoing.init, signal: timer.signal });
    // raw openapi-fetch callers read a success body themselves
    if (response.ok && plan.raw) return { kind: "raw", response };
    text = await response.text();
  } catch (cause) {
    if (signal?.aborted) throw new AbortError(signal.reason);
    if (timer.signal.aborted) {
      const error = new TimeoutError(`no answer within ${limitMs} ms`, {
        action,
        attempts: attempt,
      });
      return { kind: "failed", error, outcome: { kind: "timeout" } };
    }
    const notSent = isNotSent(cause);
    const error = new ConnectionError(`connection failed: ${describeCause(cause)}`, {
      action,
      attempts: attempt,
      notSent,
      cause: safeCause(cause),
    });
    return { kind: "failed", error, outcome: { kind: "connection", notSent } };
  } finally {
    clearTimeout(timeout);
    signal?.removeEventListener("abort", onAbort);
  }

  const statusCode = response.status;
  const headerRequestId = response.headers.get("x-acs-request-id") ?? undefined;
  const parsed = parseJson(text);
  if (response.ok && parsed !== undefined) {
    const requestId = (parsed as PopErrorBody).RequestId ?? headerRequestId;
    return { kind: "ok", data: parsed, statusCode, requestId };
  }
  const body: PopErrorBody = parsed && typeof parsed === "object" ? (parsed as PopErrorBody) : {};
  if (body.Code === "ValidationError" && Array.isArray(body.Issues)) {
    // the signing proxy checked the input against the spec and refused it
    const error = new ValidationError(action, body.Issues as ValidationIssue[]);
    return {
      kind: "failed",
      error,
      outcome: { kind: "answer", statusCode, code: "ValidationError" },
      statusCode,
    };
  }
  const message = body.Message === undefined ? undefined : String(body.Message);
  const error = popError({
    statusCode,
    body: { ...body, Message: message && transport.redact ? transport.redact(message) : message },
    rawBody: parsed === undefined ? text : undefined,
    product: plan.product,
    action,
    attempts: attempt,
    requestId: headerRequestId,
  });
  return {
    kind: "failed",
    error,
    outcome: { kind: "answer", statusCode, code: error.code },
    statusCode,
    requestId: error.requestId,
    retryAfter: parseRetryAfter(response.headers.get("x-acs-retry-after")),
    response,
    text,
  };
}

function parseJson(text: string): unknown {
  if (!text) return {};
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

function defined<T extends object>(info: T): T {
  for (const key of Object.keys(info) as (keyof T)[]) if (info[key] === undefined) delete info[key];
  return info;
}

/** Errors that prove nothing reached the server: refused, unresolvable, unreachable. */
function isNotSent(error: unknown): boolean {
  const code =
    (error as { cause?: { code?: string } })?.cause?.code ?? (error as { code?: string })?.code;
  return (
    code === "ECONNREFUSED" ||
    code === "ENOTFOUND" ||
    code === "EAI_AGAIN" ||
    code === "EHOSTUNREACH"
  );
}

function describeCause(error: unknown): string {
  const cause = (error as { cause?: { code?: string; message?: string } })?.cause;
  return cause?.code ?? cause?.message ?? (error as Error)?.message ?? String(error);
}

/** Keeps the low-level code of a network error, never the request (URLs carry tokens in v1). */
function safeCause(error: unknown): { code?: string; message: string } {
  const cause = (error as { cause?: { code?: string } })?.cause;
  return { code: cause?.code, message: describeCause(error) };
}
