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
