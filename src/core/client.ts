// The one generic runtime behind every product client: validation, ClientToken,
// retries, timeouts and error mapping around a transport, under openapi-fetch.
import createFetchClient, { type Client as FetchClient } from "openapi-fetch";
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
  TimeoutError,
} from "./errors.js";
import type { ActionMeta, ServiceMeta } from "./meta.js";
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
  /** AccessKey pair or a provider; omitted: the default chain (environment, CLI profile, RAM role) */
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

const PSEUDO_ORIGIN = "pop:";
const NO_CONTENT = { status: 204, ok: true, headers: new Headers() } as unknown as Response;

/** Type-only key carrying a client's pageable actions (see `paginate`). */
export declare const PAGES: unique symbol;

/** Runtime key under which a client keeps its product's facts (pagination, actions). */
export const SERVICE: unique symbol = Symbol.for("alicloud-eci.service");

/** The facts a client was built from; helpers such as `paginate` read them. */
export function serviceOf(client: object): ServiceMeta {
  const service = (client as { [SERVICE]?: ServiceMeta })[SERVICE];
  if (!service) throw new TypeError("expected a client made by createEciClient, createVpcClient, createEcsClient or createSlbClient");
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

export function createServiceClient<Paths extends object>(
  service: ServiceMeta,
  options: ClientOptions,
): ClientBase<Paths> & Record<string, unknown> {
  const regionId = checkRegionId(options.regionId);
  const fetch = options.fetch ?? ((input, init) => globalThis.fetch(input, init));
  const now = options.now ?? Date.now;
  const random = options.random ?? Math.random;
  const userAgent = `alicloud-eci/${VERSION}${options.userAgent ? ` ${options.userAgent}` : ""}`;
  let skewMs = 0;

  let transport: Transport | undefined;
  let loading: Promise<Transport> | undefined;
  if (options.proxy !== undefined) {
    if (options.credentials || options.endpoint) {
      throw new ConfigurationError("proxy mode takes no credentials or endpoint: the proxy signs and picks the host");
    }
    loading = import("../transport/proxy.js").then(({ createProxyTransport }) =>
      createProxyTransport({
        base: options.proxy as string,
        product: service.product,
        fetch,
        userAgent,
        headers: options.proxyHeaders,
      }),
    );
  } else {
    const origin = resolveEndpoint(service, regionId, options.endpoint);
    const signatureVersion = options.signatureVersion ?? "v3";
    if (signatureVersion !== "v3" && signatureVersion !== "v1") {
      throw new ConfigurationError(`signatureVersion must be "v3" or "v1", got ${JSON.stringify(signatureVersion)}`);
    }
    const credentials = import("../credentials/resolve.js").then(({ resolveCredentials }) =>
      resolveCredentials(options.credentials),
    );
    // signing code loads on the first call, so proxy-only bundles never carry it
    loading = Promise.all([import("../transport/signing.js"), credentials]).then(
      ([{ createSigningTransport }, provider]) =>
        createSigningTransport({
          origin,
          version: service.version,
          signatureVersion,
          credentials: provider,
          fetch,
          userAgent,
          now: () => now() + skewMs,
          nonce: options.nonce ?? randomNonce,
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
    validate(action, meta.in, input);
    const body = meta.ct && input[meta.ct] == null ? { ...input, [meta.ct]: crypto.randomUUID() } : input;
    transport ??= await (loading as Promise<Transport>);
    return attempts(action, meta, transport.prepare(action, body, meta.in), transport, request, context);
  }

  async function attempts(
    action: string,
    meta: ActionMeta,
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
    const signals = [request.signal, options.signal].filter((s): s is AbortSignal => s !== undefined);
    const callSignal = signals.length > 1 ? AbortSignal.any(signals) : signals[0];
    const safe = meta.ro === true || meta.ct !== undefined;
    const throwing = request.pop !== undefined; // methods throw; raw openapi-fetch callers get { error }
    let skewRetried = false;

    for (let attempt = 1; ; attempt++) {
      context.attempts = attempt;
      if (callSignal?.aborted) throw new AbortError(callSignal.reason);
      const started = now();
      const limit = deadline === undefined ? timeoutMs : Math.min(timeoutMs, deadline - started);
      const timer = new AbortController();
      const onAbort = () => timer.abort(callSignal?.reason);
      callSignal?.addEventListener("abort", onAbort, { once: true });
      const timeout = setTimeout(() => timer.abort(TIMED_OUT), limit);

      let outcome: AttemptOutcome;
      let failure: PopError | ConnectionError | TimeoutError;
      let statusCode: number | undefined;
      let requestId: string | undefined;
      let retryAfter: number | undefined;
      let response: Response | undefined;
      let text = "";
      try {
        response = await transport.send(prepared, timer.signal);
        statusCode = response.status;
        requestId = response.headers.get("x-acs-request-id") ?? undefined;
        if (response.ok && !throwing) return response; // raw callers read the body themselves
        text = await response.text();
      } catch (error) {
        if (callSignal?.aborted) throw new AbortError(callSignal.reason);
        const timedOut = timer.signal.aborted;
        const note = timedOut
          ? `no answer within ${limit} ms`
          : `connection failed: ${describeCause(error)}`;
        failure = timedOut
          ? new TimeoutError(note, { action, attempts: attempt })
          : new ConnectionError(note, { action, attempts: attempt, notSent: isNotSent(error), cause: safeCause(error) });
        outcome = timedOut ? { kind: "timeout" } : { kind: "connection", notSent: (failure as ConnectionError).notSent };
      } finally {
        clearTimeout(timeout);
        callSignal?.removeEventListener("abort", onAbort);
      }

      if (response) {
        const parsed = parseJson(text);
        if (response.ok && parsed !== undefined) {
          context.data = parsed;
          report(action, attempt, started, statusCode, (parsed as PopErrorBody).RequestId ?? requestId);
          return NO_CONTENT;
        }
        const body: PopErrorBody = parsed && typeof parsed === "object" ? (parsed as PopErrorBody) : {};
        failure = popError({
          statusCode: response.status,
          body: { ...body, Message: redact(transport, body.Message) },
          rawBody: parsed === undefined ? text : undefined,
          product: service.product,
          action,
          attempts: attempt,
          requestId,
        });
        outcome = { kind: "answer", statusCode: response.status, code: failure.code };
        retryAfter = parseRetryAfter(response.headers.get("x-acs-retry-after"));
        if (failure.code === "InvalidTimeStamp.Expired" && !skewRetried && adjustSkew(response)) {
          skewRetried = true; // the clock was wrong, not the request: one free retry
          report(action, attempt, started, statusCode, failure.requestId, failure.code, 0);
          continue;
        }
      }

      // biome-ignore lint/style/noNonNullAssertion: every path above set both
      const error = failure!;
      const retry =
        policy !== undefined && attempt < policy.maxAttempts && isRetryable(outcome!, safe);
      let delay = retry
        ? backoffDelay(policy, attempt, error.name === "ThrottlingError", retryAfter, random)
        : undefined;
      if (delay !== undefined && deadline !== undefined && now() + delay >= deadline) delay = undefined;
      report(action, attempt, started, statusCode, (error as PopError).requestId ?? requestId, errorCode(error), delay);
      if (delay === undefined) {
        if (!throwing && response) {
          return new Response(text, { status: response.status, headers: response.headers });
        }
        throw error;
      }
      try {
        await sleep(delay, callSignal);
      } catch {
        throw new AbortError(callSignal?.reason);
      }
    }
  }

  function report(
    action: string,
    attempt: number,
    started: number,
    statusCode?: number,
    requestId?: string,
    errorCode?: string,
    delayMs?: number,
  ) {
    if (!options.onAttempt) return;
    const info: AttemptInfo = { product: service.product, action, attempt, durationMs: now() - started };
    if (statusCode !== undefined) info.statusCode = statusCode;
    if (requestId !== undefined) info.requestId = requestId;
    if (errorCode !== undefined) info.errorCode = errorCode;
    if (delayMs !== undefined) info.delayMs = delayMs;
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
    await (raw as any).POST(`/${action}`, { body: input, signal: callOptions?.signal, pop: context });
    return context.data;
  }

  const client: Record<string | symbol, unknown> = { product: service.product, regionId, raw, call, [SERVICE]: service };
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
  const code = (error as { cause?: { code?: string } })?.cause?.code ?? (error as { code?: string })?.code;
  return code === "ECONNREFUSED" || code === "ENOTFOUND" || code === "EAI_AGAIN" || code === "EHOSTUNREACH";
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
