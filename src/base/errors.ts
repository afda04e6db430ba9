// Every error the SDK throws. API answers become PopError (or a subclass users branch
// on); failures without an answer are RequestError; bad input is ValidationError.

/** The JSON body of a POP error answer. */
export interface PopErrorBody {
  /** id of the request, for Alibaba Cloud support */
  RequestId?: string;
  /** host that answered, e.g. `eci.cn-hangzhou.aliyuncs.com` */
  HostId?: string;
  /** error code, e.g. `InvalidParameter`, `Throttling.User` */
  Code?: string;
  /** what went wrong, in the API's words */
  Message?: string;
  /** link to Alibaba Cloud's diagnosis page for this request */
  Recommend?: string;
  /** which RAM policy check failed, on permission errors */
  AccessDeniedDetail?: unknown;
  /** other fields some products add */
  [field: string]: unknown;
}

/** What kind of failure a PopError is, for code that branches without instanceof. */
export type PopErrorKind =
  | "throttling"
  | "notFound"
  | "permission"
  | "authentication"
  | "server"
  | "client";

/**
 * What a {@link PopError} is built from: the HTTP status and the parsed error body.
 *
 * @inline
 */
export interface PopErrorInit {
  /** HTTP status of the answer */
  statusCode: number;
  /** the parsed JSON error body */
  body: PopErrorBody;
  /** lower-case product key: `eci`, `vpc`, `ecs`, `slb` */
  product?: string;
  /** action name, e.g. `CreateContainerGroup` */
  action?: string;
  /** HTTP attempts made for the call, retries included (default 1) */
  attempts?: number;
  /** text of a body that was not JSON (an HTML page from a proxy) */
  rawBody?: string;
  /** request id from the `x-acs-request-id` header, when the body has none */
  requestId?: string;
  /** the ClientToken the SDK generated for this call, when it did */
  clientToken?: string;
  /** the kind, when the caller already knows it (computed from code and status otherwise) */
  kind?: PopErrorKind;
  /** `x-acs-retry-after` of the answer, in ms */
  retryAfterMs?: number;
}

/** An error answer from Alibaba Cloud: the gateway or the product said no. */
export class PopError extends Error {
  /** the class name: `PopError`, `ThrottlingError`, `NotFoundError` or `PermissionError` */
  override name = "PopError";
  /** POP error code, e.g. `InvalidParameter`, `Throttling.User` */
  readonly code: string;
  /** id of the request, for Alibaba Cloud support (from the body or the `x-acs-request-id` header) */
  readonly requestId: string | undefined;
  /** host that answered */
  readonly hostId: string | undefined;
  /** diagnosis link from Alibaba Cloud */
  readonly recommend: string | undefined;
  /** HTTP status of the answer */
  readonly statusCode: number;
  /** RAM policy details on permission errors */
  readonly accessDeniedDetail: unknown;
  /** lower-case product key: `eci`, `vpc`, `ecs`, `slb` */
  readonly product: string | undefined;
  /** action name, e.g. `CreateContainerGroup` */
  readonly action: string | undefined;
  /** HTTP attempts made for the call, retries included */
  readonly attempts: number;
  /** the kind of failure, for code that branches without `instanceof` */
  readonly kind: PopErrorKind;
  /**
   * The ClientToken the SDK generated for this call (idempotent actions whose input had
   * none): pass it as the input's ClientToken to retry without creating a second resource.
   */
  readonly clientToken: string | undefined;
  /** the error body as it came (secrets masked): what `client.raw` callers get as `error` */
  readonly body: PopErrorBody;
  /** the answer's text when it was not JSON (an HTML page from a proxy), secrets masked */
  readonly rawBody: string | undefined;
  /**
   * The answer's `x-acs-retry-after` in ms, when it had one: how long the service asks to
   * wait, for code that sends again by itself (the client's own retries already use it).
   */
  readonly retryAfterMs: number | undefined;

  constructor(init: PopErrorInit) {
    const { body, statusCode } = init;
    const code = codeOf(init);
    const text = String(
      body.Message ??
        body.message ??
        (init.rawBody !== undefined ? snippet(init.rawBody) : `HTTP ${statusCode}`),
    );
    super(`${init.action ? `${init.action}: ` : ""}${code}: ${text}${attemptsNote(init.attempts)}`);
    this.code = code;
    this.statusCode = statusCode;
    this.requestId = (body.RequestId ?? body.requestId ?? init.requestId) as string | undefined;
    this.hostId = body.HostId as string | undefined;
    this.recommend = body.Recommend as string | undefined;
    this.accessDeniedDetail = body.AccessDeniedDetail ?? body.accessDeniedDetail;
    this.product = init.product;
    this.action = init.action;
    this.attempts = init.attempts ?? 1;
    this.kind = init.kind ?? kindOf(code, statusCode);
    this.clientToken = init.clientToken;
    this.body = body;
    this.rawBody = init.rawBody;
    this.retryAfterMs = init.retryAfterMs;
  }

  /** The plain fields, without the stack; safe to log. */
  toJSON() {
    return {
      /** {@link PopError.name} */
      name: this.name,
      /** action, code, message and attempts in one line */
      message: this.message,
      /** {@link PopError.code} */
      code: this.code,
      /** {@link PopError.statusCode} */
      statusCode: this.statusCode,
      /** {@link PopError.requestId} */
      requestId: this.requestId,
      /** {@link PopError.hostId} */
      hostId: this.hostId,
      /** {@link PopError.recommend} */
      recommend: this.recommend,
      /** {@link PopError.product} */
      product: this.product,
      /** {@link PopError.action} */
      action: this.action,
      /** {@link PopError.attempts} */
      attempts: this.attempts,
      /** {@link PopError.kind} */
      kind: this.kind,
      /** {@link PopError.clientToken} */
      clientToken: this.clientToken,
    };
  }
}

/** Throttled by the gateway or the product (`Throttling*`); safe to retry later. */
export class ThrottlingError extends PopError {
  /** always `ThrottlingError` */
  override name = "ThrottlingError";
}

/** The resource (or the action, or the AccessKey) does not exist. */
export class NotFoundError extends PopError {
  /** always `NotFoundError` */
  override name = "NotFoundError";
}

/** The caller is not allowed to do this (RAM policy, signature, key state). */
export class PermissionError extends PopError {
  /** always `PermissionError` */
  override name = "PermissionError";
}

export const isThrottlingCode = (code: string) => code.includes("Throttling");

function kindOf(code: string, status: number): PopErrorKind {
  if (isThrottlingCode(code)) return "throttling";
  if (
    /^(SignatureDoesNotMatch|IncompleteSignature|InvalidAccessKeyId|InvalidSecurityToken|MissingSecurityToken|InvalidTimeStamp|SignatureNonceUsed)/.test(
      code,
    )
  ) {
    return "authentication";
  }
  if (code.endsWith("NotFound") || code.includes(".NotFound") || status === 404) return "notFound";
  if (code.startsWith("Forbidden") || code.startsWith("NoPermission") || status === 403)
    return "permission";
  return status >= 500 ? "server" : "client";
}

const codeOf = (init: PopErrorInit) =>
  String(
    init.body.Code ??
      init.body.code ??
      (init.rawBody === undefined ? "UnknownError" : "NonJsonResponse"),
  );

/** Builds the PopError subclass that matches the answer. */
export function popError(init: PopErrorInit): PopError {
  const kind = kindOf(codeOf(init), init.statusCode);
  return new BY_KIND[kind]({ ...init, kind });
}

const BY_KIND: Record<PopErrorKind, typeof PopError> = {
  throttling: ThrottlingError,
  notFound: NotFoundError,
  permission: PermissionError,
  authentication: PermissionError,
  server: PopError,
  client: PopError,
};

/** No usable answer arrived: the connection failed or an attempt timed out. */
export class RequestError extends Error {
  /** the class name: `RequestError`, `ConnectionError` or `TimeoutError` */
  override name = "RequestError";
  /** action name, e.g. `CreateContainerGroup` */
  readonly action: string | undefined;
  /** HTTP attempts made for the call, retries included */
  readonly attempts: number;
  /** true when the request provably never reached the server (refused, DNS) */
  readonly notSent: boolean;
  /**
   * The ClientToken the SDK generated for this call (idempotent actions whose input had
   * none). The outcome is unknown: retry with this token as the input's ClientToken and
   * the API returns the resource the first attempt made, or makes it once.
   */
  readonly clientToken: string | undefined;
  /**
   * `host:port` the attempt went to and got no answer from: the endpoint's, or a network
   * proxy's when the proxy failed (the message says which). Absent when unknown.
   */
  readonly host: string | undefined;

  constructor(message: string, init: RequestErrorInit) {
    const where = `${init.action ? `${init.action}: ` : ""}${init.host ? `${init.host}: ` : ""}`;
    super(`${where}${message}${attemptsNote(init.attempts)}`, { cause: init.cause });
    this.action = init.action;
    this.attempts = init.attempts ?? 1;
    this.notSent = init.notSent ?? false;
    this.clientToken = init.clientToken;
    this.host = init.host;
  }
}

/**
 * What a {@link RequestError} is built from.
 *
 * @inline
 */
export interface RequestErrorInit {
  /** action name */
  action?: string;
  /** HTTP attempts made */
  attempts?: number;
  /** true when nothing reached the server */
  notSent?: boolean;
  /** the low-level error */
  cause?: unknown;
  /** the ClientToken the SDK generated */
  clientToken?: string;
  /** `host:port` that did not answer */
  host?: string;
}

/** The connection failed (refused, reset, DNS, TLS, a network proxy said no). */
export class ConnectionError extends RequestError {
  /** always `ConnectionError` */
  override name = "ConnectionError";
}

/**
 * An attempt or the whole call ran out of time: no answer within `timeoutMs`, or no
 * connection within `connectTimeoutMs` (then `notSent` is true).
 */
export class TimeoutError extends RequestError {
  /** always `TimeoutError` */
  override name = "TimeoutError";
}

/**
 * A success status whose body is not the JSON object the action returns (empty, cut
 * short, an HTML page). The call may have taken effect: see `clientToken`.
 */
export class InvalidResponseError extends RequestError {
  /** always `InvalidResponseError` */
  override name = "InvalidResponseError";
  /** HTTP status of the answer */
  readonly statusCode: number;
  /** the `x-acs-request-id` header, when the answer had one */
  readonly requestId: string | undefined;

  constructor(
    message: string,
    init: RequestErrorInit & { statusCode: number; requestId?: string },
  ) {
    super(message, init);
    this.statusCode = init.statusCode;
    this.requestId = init.requestId;
  }
}

/** The caller's AbortSignal fired; the request and any retry wait were cancelled. */
export class AbortError extends Error {
  /** always `AbortError`, like the DOMException fetch throws */
  override name = "AbortError";
  constructor(reason?: unknown) {
    super("The operation was aborted", { cause: reason });
  }
}

/** One broken rule in an input. */
export interface ValidationIssue {
  /** where, as the caller wrote it: `Container[0].Port[1].Port` */
  path: string;
  /** what is wrong: `must be between 1 and 65535 (got 70000)` */
  rule: string;
}

/** The input breaks a rule of the API; nothing was sent. */
export class ValidationError extends Error {
  /** always `ValidationError` */
  override name = "ValidationError";
  /** the action whose input was refused, e.g. `CreateContainerGroup` */
  readonly action: string;
  /** every broken rule, in input order */
  readonly issues: readonly ValidationIssue[];
  /** always 0: validation happens before any request */
  readonly attempts = 0;

  constructor(action: string, issues: ValidationIssue[]) {
    const list = issues.map((i) => `${i.path || "(input)"} ${i.rule}`).join("; ");
    super(`${action}: invalid input: ${list}`);
    this.action = action;
    this.issues = issues;
  }

  /** The first issue's path. */
  get path(): string {
    return this.issues[0]?.path ?? "";
  }

  /** The first issue's rule. */
  get rule(): string {
    return this.issues[0]?.rule ?? "";
  }
}

// Messages name variables, files, profiles and HTTP statuses, never a key or a token.
/** What one provider of a chain said when it could not give credentials. */
export interface CredentialsFailure {
  /** `env`, `cli_profile`, `profile`, `ecs_ram_role`, or a custom provider's name */
  readonly provider: string;
  /** why it gave nothing; never contains a secret */
  readonly reason: string;
}

/**
 * No usable credentials: a provider found nothing, or found something it cannot use.
 * From a chain, `failures` lists what each provider said, in chain order.
 */
export class CredentialsError extends Error {
  /** always `CredentialsError` */
  override name = "CredentialsError";
  /** the provider that failed (`env`, `cli_profile`, `profile`, `ecs_ram_role`), or the chain's name (`default`) */
  readonly provider: string;
  /** a single provider: its own failure; a chain: one entry per provider, in order */
  readonly failures: readonly CredentialsFailure[];

  constructor(
    provider: string,
    reason: string,
    options: { failures?: readonly CredentialsFailure[]; cause?: unknown; message?: string } = {},
  ) {
    const message = options.message ?? `${provider}: ${reason}`;
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.provider = provider;
    this.failures = options.failures ?? [{ provider, reason }];
  }

  /** The plain fields, without the stack; safe to log. */
  toJSON() {
    return {
      /** always `CredentialsError` */
      name: this.name,
      /** what went wrong; never contains a secret */
      message: this.message,
      /** {@link CredentialsError.provider} */
      provider: this.provider,
      /** {@link CredentialsError.failures} */
      failures: this.failures,
    };
  }
}

/** The client was configured in a way that cannot work (bad region, no credentials). */
export class ConfigurationError extends Error {
  /** always `ConfigurationError` */
  override name = "ConfigurationError";
}

function attemptsNote(attempts: number | undefined) {
  return attempts && attempts > 1 ? ` (after ${attempts} attempts)` : "";
}

function snippet(text: string) {
  const flat = text.replace(/\s+/g, " ").trim();
  return flat.length > 200 ? `${flat.slice(0, 200)}…` : flat || "(empty body)";
}
