// The one generic runtime behind every product client: validation, ClientToken,
// retries, timeouts and error mapping around a transport, under openapi-fetch.
import type { Client as FetchClient } from "openapi-fetch";
import * as openapiFetch from "openapi-fetch";
import type { CredentialsOption } from "../credentials/types.js";
import type { FetchLike, Transport } from "../transport/types.js";
import { checkRegionId, resolveEndpoint } from "./endpoint.js";
import {
  AbortError,
  ConfigurationError,
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
import type { ActionInfo, ServiceInfo, ServiceMeta } from "./meta.js";
import {
  type AttemptOutcome,
  backoffDelay,
  DEFAULT_RETRY,
  isRetryable,
  parseRetryAfter,
  type RetryOptions,
} from "./retry.js";
import { randomNonce, sleep } from "./time.js";
import { validate } from "./validate.js";

export const VERSION = "0.1.0";

/** Options shared by every product client (`createEciClient`, `createVpcClient`, …). */
export interface ClientOptions {
  /** region of the resources, e.g. `cn-hangzhou`; picks the endpoint */
  regionId: string;
  /** AccessKey pair or a provider; omitted: the default chain (environment, CLI profile, INI file, RAM role) */
  credentials?: CredentialsOption;
  /** full URL that replaces the product endpoint, e.g. `http://127.0.0.1:8080` (the fake cloud) */
  endpoint?: string;
  /** base URL of a signing proxy (`alicloud-eci/proxy`); calls then carry no credentials */
  proxy?: string;
  /** extra headers sent to the proxy (session or CSRF tokens); proxy mode only */
  proxyHeaders?: Record<string, string>;
  /** `v3` (ACS3-HMAC-SHA256, default) or `v1` (HMAC-SHA1) */
  signatureVersion?: "v3" | "v1";
  /** the fetch to use (default: global fetch) */
  fetch?: FetchLike;
  /** appended to the User-Agent */
  userAgent?: string;
  /** retry policy; `false` sends every call once */
  retry?: RetryOptions | false;
  /** limit per attempt in ms (default 30 000) */
  timeoutMs?: number;
  /** limit for a whole call, retries and waits included, in ms (default: none) */
  deadlineMs?: number;
  /** cancels every call of this client */
  signal?: AbortSignal;
  /** called after every attempt, for logs and metrics; never sees secrets */
  onAttempt?: (info: AttemptInfo) => void;
  /** clock in ms since the epoch (tests, fake clocks); default Date.now */
  now?: () => number;
  /** nonce generator (tests only); default crypto.randomUUID */
  nonce?: () => string;
  /** random source for retry jitter (tests only); default Math.random */
  random?: () => number;
}

/** Per-call options, the second argument of every method. */
export interface CallOptions {
  /** cancels this call, including any retry wait */
  signal?: AbortSignal;
  timeoutMs?: number;
  deadlineMs?: number;
  retry?: RetryOptions | false;
}

/** What `onAttempt` receives after each attempt. */
export interface AttemptInfo {
  product: string;
  action: string;
  /** 1 for the first attempt */
  attempt: number;
  /** HTTP status, when an answer arrived */
  statusCode?: number;
  requestId?: string;
  /** error code of a failed attempt (`Throttling.User`, `ConnectionError`, `TimeoutError`) */
  errorCode?: string;
  durationMs: number;
  /** wait before the next attempt; absent when this was the last one */
  delayMs?: number;
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

/** Per-call state carried through openapi-fetch to the pipeline. */
interface CallContext {
  options: CallOptions | undefined;
  attempts: number;
  data?: unknown;
}

/** The stand-in Request openapi-fetch builds: keeps the body as the object it is. */
class PopRequest {
  readonly url: string;
  readonly body: unknown;
  readonly signal: AbortSignal | undefined;
  readonly pop: CallContext | undefined;
  readonly method = "POST";
  constructor(url: string, init: { body?: unknown; signal?: AbortSignal; pop?: CallContext }) {
    this.url = url;
    this.body = init.body;
    this.signal = init.signal ?? undefined;
    this.pop = init.pop;
  }
}

// openapi-fetch's CJS build sets `exports.default` without `__esModule`, so under Node's
// CJS interop the default import is the module object: unwrap it (the "is not a function" trap).
const createFetchClient = (
  typeof openapiFetch.default === "function"
    ? openapiFetch.default
    : (openapiFetch.default as unknown as { default: typeof openapiFetch.default }).default
) as typeof openapiFetch.default;

const PSEUDO_ORIGIN = "pop:";
const NO_CONTENT = { status: 204, ok: true, headers: new Headers() } as unknown as Response;

/** Type-only key carrying a client's pageable actions (see `paginate`). */
export declare const PAGES: unique symbol;

/** Runtime key under which a client keeps its product's facts (pagination, actions). */
export const SERVICE: unique symbol = Symbol.for("alicloud-eci.service");

/** The facts a client was built from; helpers such as `paginate` read them. */
export function serviceOf(client: object): ServiceInfo {
  const service = (client as { [SERVICE]?: ServiceInfo })[SERVICE];
  if (!service)
    throw new TypeError(
      "expected a client made by createEciClient, createVpcClient, createEcsClient or createSlbClient",
    );
  return service;
}

/** Every product client has these besides its per-action methods. */
export interface ClientBase<Paths extends object, Pages = Record<never, never>> {
  /** @hidden type-level map of the actions `paginate` accepts and their item types */
  readonly [PAGES]?: Pages;
  /** lower-case product key: `eci`, `vpc`, `ecs`, `slb` */
  readonly product: string;
  readonly regionId: string;
  /** Calls any action by name: `client.call("DescribeRegions", { … })`. */
  call(action: string, input: object, options?: CallOptions): Promise<unknown>;
  /**
   * The openapi-fetch client underneath, for `{ data, error }` style:
   * `const { data, error } = await eci.raw.POST("/DescribeRegions", { body: {} })`.
   * Validation, signing, ClientToken and retries apply; errors are returned, not thrown.
   */
  readonly raw: FetchClient<Paths>;
}

/** How calls leave: the transport, and the request shapes when this client validates itself. */
interface Pipeline {
  transport: Transport;
  /** absent in proxy mode: the proxy validates, and the browser bundle skips the shapes */
  full?: ServiceMeta;
}

export function createServiceClient<Paths extends object>(
  service: ServiceInfo,
  options: ClientOptions,
): ClientBase<Paths> & Record<string, unknown> {
  const regionId = checkRegionId(options.regionId);
  const fetch = options.fetch ?? ((input, init) => globalThis.fetch(input, init));
  const now = options.now ?? Date.now;
  const random = options.random ?? Math.random;
  const userAgent = `alicloud-eci/${VERSION}${options.userAgent ? ` ${options.userAgent}` : ""}`;
  let skewMs = 0;

  let pipeline: Pipeline | undefined;
  let loading: Promise<Pipeline>;
  if (options.proxy !== undefined) {
    if (options.credentials || options.endpoint) {
      throw new ConfigurationError(
        "proxy mode takes no credentials or endpoint: the proxy signs and picks the host",
      );
    }
    loading = import("../transport/proxy.js").then(({ createProxyTransport }) => ({
      transport: createProxyTransport({
        base: options.proxy as string,
        product: service.product,
        userAgent,
        headers: options.proxyHeaders,
      }),
    }));
  } else {
    const origin = resolveEndpoint(service, regionId, options.endpoint);
    const signatureVersion = options.signatureVersion ?? "v3";
    if (signatureVersion !== "v3" && signatureVersion !== "v1") {
      throw new ConfigurationError(
        `signatureVersion must be "v3" or "v1", got ${JSON.stringify(signatureVersion)}`,
      );
    }
    const credentials = import("../credentials/resolve.js").then(({ resolveCredentials }) =>
      resolveCredentials(options.credentials),
    );
    // signing code and request shapes load on the first call, so proxy-only bundles never carry them
    loading = Promise.all([import("../transport/signing.js"), credentials, service.load()]).then(
      ([{ createSigningTransport }, provider, full]) => ({
        full,
        transport: createSigningTransport({
          origin,
          version: service.version,
          signatureVersion,
          credentials: provider,
          userAgent,
          now: () => now() + skewMs,
          nonce: options.nonce ?? randomNonce,
        }),
      }),
    );
  }
  // a rejected load (no credentials) surfaces on the first call, not as an unhandled rejection
  loading.catch(() => {});

  async function popFetch(request: PopRequest): Promise<Response> {
    const action = request.url.slice(PSEUDO_ORIGIN.length + 1);
    const meta = service.actions[action];
    if (!meta) throw new ConfigurationError(`${action} is not a ${service.product} action`);
    const context = request.pop ?? { options: undefined, attempts: 0 };
    const input = (request.body ?? {}) as Record<string, unknown>;
    pipeline ??= await loading;
    const { transport, full } = pipeline;
    const shape = full?.actions[action]?.in;
    if (shape) validate(action, shape, input);
    const body =
      meta.ct && input[meta.ct] == null ? { ...input, [meta.ct]: crypto.randomUUID() } : input;
    return attempts(
      action,
      meta,
      transport.prepare(action, body, shape),
      transport,
      request,
      context,
    );
  }

  async function attempts(
    action: string,
    meta: ActionInfo,
    prepared: unknown,
    transport: Transport,
    request: PopRequest,
    context: CallContext,
  ): Promise<Response> {
    const call = context.options;
    const retryOption = call?.retry ?? options.retry;
    const policy = retryOption === false ? undefined : { ...DEFAULT_RETRY, ...retryOption };
    const timeoutMs = call?.timeoutMs ?? options.timeoutMs ?? 30_000;
    const deadlineMs = call?.deadlineMs ?? options.deadlineMs;
    const deadline = deadlineMs === undefined ? undefined : now() + deadlineMs;
    const signals = [request.signal, options.signal].filter(
      (s): s is AbortSignal => s !== undefined,
    );
    const signal = signals.length > 1 ? AbortSignal.any(signals) : signals[0];
    // repeating is safe when the action only reads or carries a ClientToken
    const safe = meta.ro === true || meta.ct !== undefined;
    const throwing = request.pop !== undefined; // methods throw; raw openapi-fetch callers get { error }
    let skewRetried = false;

    for (let attempt = 1; ; attempt++) {
      context.attempts = attempt;
      if (signal?.aborted) throw new AbortError(signal.reason);
      const started = now();
      const limit = deadline === undefined ? timeoutMs : Math.min(timeoutMs, deadline - started);
      const result = await sendOnce(transport, prepared, action, attempt, limit, signal, throwing);
      const done = (fields: Omit<AttemptInfo, "product" | "action" | "attempt" | "durationMs">) =>
        report({
          product: service.product,
          action,
          attempt,
          durationMs: now() - started,
          ...fields,
        });

      if (result.kind === "raw") return result.response;
      if (result.kind === "ok") {
        context.data = result.data;
        done({ statusCode: result.statusCode, requestId: result.requestId });
        return NO_CONTENT;
      }
      const { error } = result;
      const code = errorCode(error);
      if (
        code === "InvalidTimeStamp.Expired" &&
        !skewRetried &&
        result.response &&
        adjustSkew(result.response)
      ) {
        skewRetried = true; // the clock was wrong, not the request: one extra attempt
        done({
          statusCode: result.statusCode,
          requestId: result.requestId,
          errorCode: code,
          delayMs: 0,
        });
        continue;
      }
      let delay =
        policy && attempt < policy.maxAttempts && isRetryable(result.outcome, safe)
          ? backoffDelay(
              policy,
              attempt,
              error instanceof ThrottlingError,
              result.retryAfter,
              random,
            )
          : undefined;
      if (delay !== undefined && deadline !== undefined && now() + delay >= deadline)
        delay = undefined;
      done({
        statusCode: result.statusCode,
        requestId: result.requestId,
        errorCode: code,
        delayMs: delay,
      });
      if (delay === undefined) {
        if (!throwing && result.response) {
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
    transport: Transport,
    prepared: unknown,
    action: string,
    attempt: number,
    limitMs: number,
    signal: AbortSignal | undefined,
    throwing: boolean,
  ): Promise<AttemptResult> {
    // credentials and signing happen before the timer: their failures are not network failures
    const outgoing = await transport.request(prepared);
    const timer = new AbortController();
    const onAbort = () => timer.abort(signal?.reason);
    signal?.addEventListener("abort", onAbort, { once: true });
    const timeout = setTimeout(() => timer.abort(TIMED_OUT), limitMs);
    let response: Response;
    let text: string;
    try {
      response = await fetch(outgoing.url, { ...outgoing.init, signal: timer.signal });
      // raw openapi-fetch callers read a success body themselves
      if (response.ok && !throwing) return { kind: "raw", response };
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
    const error = popError({
      statusCode,
      body: { ...body, Message: redact(transport, body.Message) },
      rawBody: parsed === undefined ? text : undefined,
      product: service.product,
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

  function report(info: AttemptInfo) {
    if (!options.onAttempt) return;
    for (const key of Object.keys(info) as (keyof AttemptInfo)[]) {
      if (info[key] === undefined) delete info[key];
    }
    options.onAttempt(info);
  }

  function adjustSkew(response: Response): boolean {
    const server = Date.parse(response.headers.get("date") ?? "");
    if (Number.isNaN(server)) return false;
    skewMs = server - Date.now();
    return true;
  }

  const raw = createFetchClient<Paths>({
    baseUrl: PSEUDO_ORIGIN,
    Request: PopRequest as unknown as typeof Request,
    bodySerializer: (body: unknown) => body,
    fetch: popFetch as unknown as typeof globalThis.fetch,
  });

  async function call(action: string, input: object, callOptions?: CallOptions): Promise<unknown> {
    const context: CallContext = { options: callOptions, attempts: 0 };
    // biome-ignore lint/suspicious/noExplicitAny: paths are typed per product; the runtime is generic
    await (raw as any).POST(`/${action}`, {
      body: input,
      signal: callOptions?.signal,
      pop: context,
    });
    return context.data;
  }

  const client: Record<string | symbol, unknown> = {
    product: service.product,
    regionId,
    raw,
    call,
    [SERVICE]: service,
  };
  for (const action of Object.keys(service.actions)) {
    const method = action[0]?.toLowerCase() + action.slice(1);
    client[method] = (input: object, callOptions?: CallOptions) => call(action, input, callOptions);
  }
  return client as unknown as ClientBase<Paths> & Record<string, unknown>;
}

const TIMED_OUT = new Error("attempt timed out");

function parseJson(text: string): unknown {
  if (!text) return {};
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

function errorCode(error: Error): string {
  return (error as PopError).code ?? error.name;
}

/** Secrets a server may echo (v1 StringToSign carries the STS token) never reach an error. */
function redact(transport: Transport, message: unknown): string | undefined {
  if (message === undefined) return undefined;
  return transport.redact ? transport.redact(String(message)) : String(message);
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
