// The error answers of the fake, in the real API's words: one class the product models
// throw, and the POP error body the gateway turns it into.

/** An error the fake answers with: a POP code, an HTTP status and a message. */
export class FakeApiError extends Error {
  override name = "FakeApiError";
  constructor(
    /** POP error code, e.g. `InvalidVpcID.NotFound` */
    readonly code: string,
    message: string,
    /** HTTP status of the answer (400 unless said otherwise) */
    readonly status = 400,
    /** extra response headers, e.g. `x-acs-retry-after` */
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
  }
}

/** `*.NotFound` answers are 404, as on the real gateway. */
export const notFound = (code: string, message: string) => new FakeApiError(code, message, 404);

/** `MissingParameter`: a required parameter is absent; `name` in wire form (`Container.1.Image`). */
export const missingParameter = (name: string) =>
  new FakeApiError(
    "MissingParameter",
    `The input parameter "${name}" that is mandatory for processing this request is not supplied.`,
  );

/** `InvalidParameter`: a value breaks a rule; `name` in wire form, `why` says which rule. */
export const invalidParameter = (name: string, why?: string) =>
  new FakeApiError(
    "InvalidParameter",
    `The specified parameter "${name}" is not valid${why ? `: ${why}` : ""}.`,
  );

/** `IncorrectStatus`-style answers: the resource is not in a state that allows the call. */
export const incorrectStatus = (message: string, code = "IncorrectStatus") =>
  new FakeApiError(code, message);

/** `DependencyViolation.*`: something still depends on the resource. */
export const dependencyViolation = (code: string, message: string) =>
  new FakeApiError(code, message);

/** How much of a request value an error message may repeat: answers never echo a whole body. */
export const ECHO_LIMIT = 200;

/** `text` cut to ECHO_LIMIT characters, with an ellipsis when something was cut. */
export const clip = (text: string): string =>
  text.length > ECHO_LIMIT ? `${text.slice(0, ECHO_LIMIT)}…` : text;

/**
 * `message` with every occurrence of a long request value (as sent, or JSON-escaped, as
 * validation rules quote it) cut to ECHO_LIMIT characters. Longest first, so a value that
 * contains another is cut whole and the message shrinks as early as it can.
 */
export function withoutEchoes(message: string, values: Iterable<string>): string {
  const long = new Set<string>();
  for (const value of values) if (value.length > ECHO_LIMIT) long.add(value);
  const longestFirst = [...long].sort((a, b) => b.length - a.length);
  let out = message;
  for (const value of longestFirst) {
    for (const form of new Set([value, JSON.stringify(value).slice(1, -1)])) {
      if (out.includes(form)) out = out.split(form).join(clip(form));
    }
  }
  return out;
}

/** Every string in a nested input (values, and keys of objects), for `withoutEchoes`. */
export function* stringsIn(value: unknown): Generator<string> {
  if (typeof value === "string") yield value;
  else if (Array.isArray(value)) for (const item of value) yield* stringsIn(item);
  else if (value && typeof value === "object") {
    for (const [key, item] of Object.entries(value)) {
      yield key;
      yield* stringsIn(item);
    }
  }
}

/** `RequestEntityTooLarge` (413): the body is over the gateway's limit and was not read. */
export const tooLarge = (limit: number) =>
  new FakeApiError(
    "RequestEntityTooLarge",
    `The request body is larger than ${limit} bytes; it was not read.`,
    413,
  );

/** The POP error body: `{ RequestId, HostId, Code, Message, Recommend }`. */
export function errorBody(
  error: FakeApiError,
  requestId: string,
  hostId: string,
  productCode: string,
): Record<string, string> {
  return {
    RequestId: requestId,
    HostId: hostId,
    Code: error.code,
    Message: error.message,
    Recommend: `https://api.aliyun.com/troubleshoot?q=${encodeURIComponent(error.code)}&product=${productCode}&requestId=${requestId}`,
  };
}
