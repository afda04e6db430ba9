// The path of one call, read top to bottom: prepare (validate, ClientToken, flatten)
// once, then per attempt sign → send → classify into one Outcome → return, or retry
// after a backoff. Everything a call needs from its client is in a CallTarget.

import { AbortError, isThrottlingCode, TimeoutError } from "../base/errors.js";
import { own } from "../base/objects.js";
import type { Shape } from "../base/shape.js";
import { sleep } from "../base/time.js";
import type { Sender, Transport } from "../transport/types.js";
import type { ActionInfo } from "./meta.js";
import type { AttemptInfo, CallOptions, ClientOptions } from "./options.js";
import { type AttemptFacts, classifyAnswer, classifyFailure, type Outcome } from "./outcome.js";
import { backoffDelay, DEFAULT_RETRY, isRetryable } from "./retry.js";

/** What a client gives every call: how to check, build, sign and send. */
export interface CallTarget {
  product: string;
  options: ClientOptions;
  transport: Transport;
  send: Sender;
  /** the action's request shape, checked against the input (throws ValidationError); absent in proxy mode */
  check?: (action: string, input: object) => Shape | undefined;
  now: () => number;
}

export async function callAction(
  target: CallTarget,
  action: string,
  meta: ActionInfo,
  given: object | undefined,
  call: CallOptions | undefined,
): Promise<object> {
  const { transport, options, now } = target;

  // prepare, once per call: every attempt sends the same parameters and ClientToken
  const input = given ?? {}; // validation then names what is required
  const shape = target.check?.(action, input);
  const clientToken =
    meta.ct && own(input as Record<string, unknown>, meta.ct) == null
      ? crypto.randomUUID()
      : undefined;
  const prepared = transport.prepare(
    action,
    clientToken ? { ...input, [meta.ct as string]: clientToken } : input,
    shape,
  );

  const retry = call?.retry ?? options.retry;
  const policy =
    retry === false ? undefined : retry ? { ...DEFAULT_RETRY, ...retry } : DEFAULT_RETRY;
  const timeoutMs = call?.timeoutMs ?? options.timeoutMs ?? 30_000;
  const deadlineMs = call?.deadlineMs ?? options.deadlineMs;
  const deadline = deadlineMs === undefined ? undefined : now() + deadlineMs;
  const signal = anySignal(call?.signal, options.signal);
  // repeating is safe when the action only reads or carries a ClientToken
  const safe = meta.ro === true || meta.ct !== undefined;
  let skewRetried = false;

  for (let attempt = 1; ; attempt++) {
    if (signal?.aborted) throw new AbortError(signal.reason);
    const started = now();
    const limitMs = deadline === undefined ? timeoutMs : Math.min(timeoutMs, deadline - started);
    const outcome = await attemptOnce(target, prepared, limitMs, signal, {
      product: target.product,
      action,
      attempt,
      clientToken,
      redact: identity,
    });
    const report = options.onAttempt
      ? (delayMs?: number) =>
          options.onAttempt?.(attemptInfo(target, action, attempt, started, outcome, delayMs))
      : undefined;
    if (outcome.ok) {
      report?.();
      return outcome.data;
    }

    const { failure } = outcome;
    const code = failure.kind === "answer" ? failure.code : undefined;
    if (
      code === "InvalidTimeStamp.Expired" &&
      !skewRetried &&
      transport.adjustClock?.(outcome.date)
    ) {
      skewRetried = true; // the clock was wrong, not the request: one extra attempt
      report?.(0);
      continue;
    }
    let delay =
      policy && attempt < policy.maxAttempts && isRetryable(failure, safe)
        ? backoffDelay(
            policy,
            attempt,
            code !== undefined && isThrottlingCode(code),
            outcome.retryAfter,
            options.random,
          )
        : undefined;
    if (delay !== undefined && deadline !== undefined && now() + delay >= deadline)
      delay = undefined;
    report?.(delay);
    if (delay === undefined) throw outcome.error;
    await sleep(delay, signal).catch(() => {
      throw new AbortError(signal?.reason);
    });
  }
}

/** One attempt: sign (credentials included) and send within `limitMs`, then classify. */
async function attemptOnce(
  target: CallTarget,
  prepared: unknown,
  limitMs: number,
  signal: AbortSignal | undefined,
  facts: AttemptFacts,
): Promise<Outcome> {
  const { transport } = target;
  const started = target.now();
  // a provider that never settles must not outlive the timeout, deadline or signal
  const pending = transport.request(prepared);
  const request =
    pending instanceof Promise ? await withinLimit(pending, limitMs, signal, facts) : pending;
  const redact = transport.redact;
  if (redact) facts.redact = (text) => redact(text, request.signature);
  try {
    const left = Math.max(0, limitMs - (target.now() - started));
    return classifyAnswer(await target.send(request, left, signal), facts);
  } catch (cause) {
    if (signal?.aborted) throw new AbortError(signal.reason);
    return classifyFailure(cause, limitMs, facts);
  }
}

/** The signed request, or a TimeoutError / AbortError when credentials take too long. */
function withinLimit<T>(
  pending: Promise<T>,
  limitMs: number,
  signal: AbortSignal | undefined,
  facts: AttemptFacts,
): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => {
      settle();
      reject(
        new TimeoutError(`no credentials within ${limitMs} ms`, {
          action: facts.action,
          attempts: facts.attempt,
          notSent: true,
        }),
      );
    }, limitMs);
    const onAbort = () => {
      settle();
      reject(new AbortError(signal?.reason));
    };
    const settle = () => {
      clearTimeout(timer);
      signal?.removeEventListener("abort", onAbort);
    };
    signal?.addEventListener("abort", onAbort, { once: true });
    pending.then(
      (value) => {
        settle();
        resolve(value);
      },
      (error) => {
        settle();
        reject(error);
      },
    );
  });
}

function anySignal(a: AbortSignal | undefined, b: AbortSignal | undefined) {
  if (a && b) return AbortSignal.any([a, b]);
  return a ?? b;
}

const identity = (text: string) => text;

function attemptInfo(
  target: CallTarget,
  action: string,
  attempt: number,
  started: number,
  outcome: Outcome,
  delayMs: number | undefined,
): AttemptInfo {
  const info: AttemptInfo = {
    product: target.product,
    action,
    attempt,
    durationMs: target.now() - started,
  };
  if (outcome.statusCode !== undefined) info.statusCode = outcome.statusCode;
  if (outcome.requestId !== undefined) info.requestId = outcome.requestId;
  if (!outcome.ok) {
    const { error } = outcome;
    info.errorCode = "code" in error && typeof error.code === "string" ? error.code : error.name;
  }
  if (delayMs !== undefined) info.delayMs = delayMs;
  return info;
}
