// One call, attempt by attempt: send under a timer, read and classify the answer, and
// retry what may be retried (backoff, retry-after, deadline, abort, clock skew).
import type { FetchLike, Transport } from "../transport/types.js";
import {
  AbortError,
  ConnectionError,
  InvalidResponseError,
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
  /** the ClientToken this call generated, for errors whose outcome is unknown */
  clientToken?: string;
}

/** How one attempt ended. */
type AttemptResult =
  | {
      kind: "ok";
      data: unknown;
      statusCode: number;
      requestId?: string;
      response: Response;
      text: string;
    }
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

    if (result.kind === "ok") {
      report({ statusCode: result.statusCode, requestId: result.requestId });
      // raw openapi-fetch callers get the answer to read themselves
      if (plan.raw) return rebuilt(result.response, result.text);
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
      if (plan.raw && result.response) return rebuilt(result.response, result.text ?? "");
      throw error;
    }
    await sleep(delay, signal).catch(() => {
      throw new AbortError(signal?.reason);
    });
  }
}

/** One attempt under its own timer (credentials included): send, read the answer, classify it. */
async function sendOnce(
  plan: CallPlan,
  prepared: unknown,
  attempt: number,
  limitMs: number,
  signal: AbortSignal | undefined,
): Promise<AttemptResult> {
  const { action, transport, clientToken } = plan;
  const timer = new AbortController();
  const onAbort = () => timer.abort(signal?.reason);
  signal?.addEventListener("abort", onAbort, { once: true });
  const timeout = setTimeout(() => timer.abort(TIMED_OUT), limitMs);
  let outgoing: Awaited<ReturnType<Transport["request"]>> | undefined;
  let response: Response;
  let text: string;
  try {
    // a provider that never settles must not outlive the timeout, deadline or signal
    outgoing = await untilAborted(transport.request(prepared), timer.signal);
    response = await plan.fetch(outgoing.url, { ...outgoing.init, signal: timer.signal });
    text = await response.text();
  } catch (cause) {
    if (signal?.aborted) throw new AbortError(signal.reason);
    if (!outgoing) {
      if (!timer.signal.aborted) throw cause; // the provider failed: CredentialsError, as thrown
      throw new TimeoutError(`no credentials within ${limitMs} ms`, {
        action,
        attempts: attempt,
        notSent: true,
      });
    }
    if (timer.signal.aborted) {
      const error = new TimeoutError(`no answer within ${limitMs} ms`, {
        action,
        attempts: attempt,
        clientToken,
      });
      return { kind: "failed", error, outcome: { kind: "timeout" } };
    }
    const notSent = isNotSent(cause);
    const redact = (t: string) => transport.redact?.(t, outgoing?.signature) ?? t;
    const error = new ConnectionError(`connection failed: ${redact(describeCause(cause))}`, {
      action,
      attempts: attempt,
      notSent,
      cause: safeCause(cause, redact),
      clientToken,
    });
    return { kind: "failed", error, outcome: { kind: "connection", notSent } };
  } finally {
    clearTimeout(timeout);
    signal?.removeEventListener("abort", onAbort);
  }

  const statusCode = response.status;
  const headerRequestId = response.headers.get("x-acs-request-id") ?? undefined;
  if (response.ok) {
    const parsed = parseJson(text);
    if (isObject(parsed)) {
      const requestId = (parsed as PopErrorBody).RequestId ?? headerRequestId;
      return { kind: "ok", data: parsed, statusCode, requestId, response, text };
    }
    // an empty or cut-short success would lose what the call made (a new group's id)
    const error = new InvalidResponseError(
      `HTTP ${statusCode} with ${text ? "a body that is not a JSON object" : "an empty body"}`,
      { action, attempts: attempt, statusCode, requestId: headerRequestId, clientToken },
    );
    return { kind: "failed", error, outcome: { kind: "unreadable" }, statusCode };
  }
  // an error answer may echo the request (a v1 string to sign, a URL): mask secrets first
  const clean = transport.redact ? transport.redact(text, outgoing.signature) : text;
  const parsed = parseJson(clean);
  const body: PopErrorBody = isObject(parsed) ? (parsed as PopErrorBody) : {};
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
  const error = popError({
    statusCode,
    body,
    rawBody: isObject(parsed) || !clean ? undefined : clean,
    product: plan.product,
    action,
    attempts: attempt,
    requestId: headerRequestId,
    clientToken,
  });
  return {
    kind: "failed",
    error,
    outcome: { kind: "answer", statusCode, code: error.code },
    statusCode,
    requestId: error.requestId,
    retryAfter: parseRetryAfter(response.headers.get("x-acs-retry-after")),
    response,
    text: clean,
  };
}

/** `promise`, or a rejection as soon as `signal` aborts. */
function untilAborted<T>(promise: T | Promise<T>, signal: AbortSignal): Promise<T> {
  if (!(promise instanceof Promise)) return Promise.resolve(promise);
  return new Promise<T>((resolve, reject) => {
    if (signal.aborted) return reject(signal.reason);
    const onAbort = () => reject(signal.reason);
    signal.addEventListener("abort", onAbort, { once: true });
    promise.then(resolve, reject).finally(() => signal.removeEventListener("abort", onAbort));
  });
}

const isObject = (value: unknown): value is object =>
  typeof value === "object" && value !== null && !Array.isArray(value);

const rebuilt = (response: Response, text: string) =>
  new Response(text, { status: response.status, headers: response.headers });

function parseJson(text: string): unknown {
  if (!text) return undefined;
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
function safeCause(
  error: unknown,
  redact: (text: string) => string,
): { code?: string; message: string } {
  const cause = (error as { cause?: { code?: string } })?.cause;
  return { code: cause?.code, message: redact(describeCause(error)) };
}
