// The path of one call, read top to bottom: prepare (validate, ClientToken, flatten)
// once, then per attempt sign → send → classify into one Outcome → return, or retry
// after a backoff. Everything a call needs from its client is in a CallTarget.

import { AbortError, isThrottlingCode, TimeoutError } from "../base/errors.js";
import { own } from "../base/objects.js";
import type { Shape } from "../base/shape.js";
import { sleep } from "../base/time.js";
import type { Params } from "../sign/flatten.js";
import type { Sender, Transport } from "../transport/types.js";
import type * as Hooks from "./hooks.js";
import type { Seen } from "./hooks.js";
import type * as LogAttempt from "./log-attempt.js";
import type { ActionInfo } from "./meta.js";
import type { AttemptInfo, CallOptions, ClientOptions } from "./options.js";
import { type AttemptFacts, classifyAnswer, classifyFailure, type Outcome } from "./outcome.js";
import { backoffDelay, DEFAULT_RETRY, isRetryable } from "./retry.js";

/** What a client gives every call: how to check, build, sign and send. */
export interface CallTarget {
  product: string;
  /** `host:port` calls go to (the endpoint, or the signing proxy), for logs */
  host: string;
  /** logs attempts (the `logger` option or DEBUG), loaded only when there is a log */
  log?: { logger: LogAttempt.AttemptLogger; line: typeof LogAttempt.logAttempt };
  /** the hooks module, loaded only for clients with `middleware` */
  hooks?: typeof Hooks;
  options: ClientOptions;
  transport: Transport;
  send: Sender;
  /**
   * the action's request shape, checked against the input unless `validate` is false
   * (throws ValidationError); absent in proxy mode
   */
  check?: (action: string, input: object, validate: boolean) => Shape | undefined;
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
  const input = withRegion(given ?? {}, meta, options.regionId); // validation then names what is required
  const shape = target.check?.(action, input, (call?.validate ?? options.validate) !== false);
  const clientToken =
    meta.ct && own(input as Record<string, unknown>, meta.ct) == null
      ? crypto.randomUUID()
      : undefined;
  const raw = call?.rawParameters;
  const extra =
    raw && Object.keys(raw).length
      ? await import("../transport/raw-parameters.js").then(
          (m) => (params: Params) => m.addRawParameters(action, params, raw),
        )
      : undefined;
  const prepared = transport.prepare(
    action,
    clientToken ? { ...input, [meta.ct as string]: clientToken } : input,
    shape,
    extra,
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
  const { hooks } = target;
  const middleware = hooks && options.middleware?.length ? options.middleware : undefined;
  const callId = middleware ? crypto.randomUUID() : "";

  for (let attempt = 1; ; attempt++) {
    if (signal?.aborted) throw new AbortError(signal.reason);
    const started = now();
    const limitMs = deadline === undefined ? timeoutMs : Math.min(timeoutMs, deadline - started);
    const facts: AttemptFacts = {
      product: target.product,
      action,
      attempt,
      clientToken,
      redact: identity,
    };
    const seen: Seen | undefined = middleware ? { hooks: middleware, id: callId } : undefined;
    const outcome = await attemptOnce(target, prepared, limitMs, signal, facts, seen);
    const { log } = target;
    const report =
      options.onAttempt || log
        ? (delayMs?: number) => {
            const info = attemptInfo(target, action, attempt, started, outcome, delayMs);
            options.onAttempt?.(info);
            // the answer's own text (a code, a request id) is masked like an error's
            if (log) log.line(log.logger, target.host, info, outcome, facts.redact);
          }
        : undefined;
    if (outcome.ok) {
      report?.();
      if (seen) await hooks?.observe(seen, facts, outcome, false);
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
    if (seen) await hooks?.observe(seen, facts, outcome, delay !== undefined);
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
  seen: Seen | undefined,
): Promise<Outcome> {
  const { transport } = target;
  const started = target.now();
  // a provider that never settles must not outlive the timeout, deadline or signal
  const pending = transport.request(prepared);
  let request =
    pending instanceof Promise ? await withinLimit(pending, limitMs, signal, facts) : pending;
  const redact = transport.redact;
  if (redact) facts.redact = (text) => redact(text, request.signature);
  const { hooks } = target;
  if (seen && hooks) {
    const hooked = await hooks.runRequestHooks(seen.hooks, request, hooks.hookContext(seen, facts));
    request = hooked.outgoing;
    seen.request = hooked.request;
  }
  try {
    const left = Math.max(0, limitMs - (target.now() - started));
    const answer = await target.send(request, left, signal);
    if (seen) seen.answer = answer;
    return classifyAnswer(answer, facts);
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

/** The input with the client's region when it names none and the action takes one. */
function withRegion(input: object, meta: ActionInfo, regionId: string): object {
  if (meta.nr || own(input as Record<string, unknown>, "RegionId") != null) return input;
  return { ...input, RegionId: regionId };
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
