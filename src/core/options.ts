// What a client and a call can be told.
import type { Logger } from "../base/logger.js";
import type { CredentialsOption } from "../credentials/types.js";
import type { FetchLike } from "../transport/types.js";
import type { Middleware } from "./hooks.js";
import type { RetryOptions } from "./retry.js";

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
  /**
   * the fetch to use. Default: in Node, a keep-alive transport over node:http
   * (`nodeHttpFetch` from `alicloud-eci/node`), which costs less CPU per call than the
   * global fetch; elsewhere the global fetch.
   */
  fetch?: FetchLike;
  /**
   * check inputs against the spec before sending (default true). `false` sends what the
   * spec does not know yet (a new parameter, a looser rule); the API still decides.
   */
  validate?: boolean;
  /** appended to the User-Agent */
  userAgent?: string;
  /** retry policy; `false` sends every call once */
  retry?: RetryOptions | false;
  /** limit per attempt in ms (default 30 000) */
  timeoutMs?: number;
  /**
   * limit in ms to open a connection: DNS, TCP, a network proxy's tunnel, TLS (default
   * 4000). Within `timeoutMs`; a connection that never opened sent nothing, so it is
   * retried even for calls that are not safe to repeat. Node's default transport only.
   */
  connectTimeoutMs?: number;
  /** limit for a whole call, retries and waits included, in ms (default: none) */
  deadlineMs?: number;
  /**
   * the network (HTTP) proxy to go through: `http://[user:password@]host[:port]`, or
   * `false` for none. Default: `HTTPS_PROXY` / `HTTP_PROXY` / `NO_PROXY` (and their
   * lower-case forms), as curl reads them. Not the signing proxy (`proxy`). Node's
   * default transport only: a `fetch` of your own picks its own way (docs/networking.md).
   */
  httpProxy?: string | false;
  /**
   * certificates (PEM text) to trust besides Node's own, e.g. the CA of a proxy that
   * inspects TLS; `NODE_EXTRA_CA_CERTS` does the same for the whole process. Node's
   * default transport only.
   */
  extraCaCerts?: string | readonly string[];
  /** cancels every call of this client */
  signal?: AbortSignal;
  /** called after every attempt, for logs and metrics; never sees secrets */
  onAttempt?: (info: AttemptInfo) => void;
  /**
   * where the SDK logs: one line per attempt, waiter polls, credential sources tried,
   * warnings. Any object with debug/info/warn/error (`console` works). Default: stderr
   * when `DEBUG=alicloud-eci` (or `alicloud-eci:call`, `…:wait`, `…:credentials`), else none.
   * Lines never hold a secret, token, signature or Authorization header.
   */
  logger?: Logger;
  /**
   * request, response and error hooks on every attempt, in openapi-fetch's middleware
   * shape: add headers, record metrics, open a tracing span per call. Hooks see each
   * request with its signature and credentials masked.
   */
  middleware?: readonly Middleware[];
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
  /** limit per attempt in ms */
  timeoutMs?: number;
  /** limit for the whole call in ms */
  deadlineMs?: number;
  /** retry policy for this call */
  retry?: RetryOptions | false;
  /**
   * `false` sends this call's input as given: still flattened, signed and retried, but not
   * checked against the spec (a looser rule, a value the spec does not know yet).
   */
  validate?: boolean;
  /**
   * Wire parameters sent as given beside the input, for a parameter newer than the spec:
   * `{ "NewOption": "on", "Thing.1.Name": "x" }`. Names the input also fills or the signer
   * sets (`Action`, `Signature`, …) are refused. Not available through a signing proxy.
   */
  rawParameters?: Readonly<Record<string, string | number | boolean>>;
}

/** What `onAttempt` receives after each attempt. */
export interface AttemptInfo {
  /** lower-case product key: `eci`, `vpc`, `ecs`, `slb` */
  product: string;
  /** action name, e.g. `CreateContainerGroup` */
  action: string;
  /** 1 for the first attempt */
  attempt: number;
  /** HTTP status, when an answer arrived */
  statusCode?: number;
  /** the answer's request id, when an answer arrived */
  requestId?: string;
  /** error code of a failed attempt (`Throttling.User`, `ConnectionError`, `TimeoutError`) */
  errorCode?: string;
  /** how long the attempt took, signing and reading the answer included */
  durationMs: number;
  /** wait before the next attempt; absent when this was the last one */
  delayMs?: number;
}
