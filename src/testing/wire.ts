// A request as it arrived on the wire and the answer to send, independent of how the fake
// is mounted (Web Request, node:http, msw).
import { readTextUpTo } from "../base/read-text.js";

/**
 * The largest request body any mount reads: 8 MiB. The POP gateway does not publish its
 * limit; 8 MB is what Alibaba Cloud's API Gateway documents for a request body on shared
 * instances, and far more than the largest real call needs. A body over it is not read
 * on (nor kept): the gateway answers 413 `RequestEntityTooLarge`.
 */
export const BODY_LIMIT = 8 * 1024 * 1024;

/** One received HTTP request. */
export interface WireRequest {
  method: string;
  url: URL;
  /** lower-case names */
  headers: Map<string, string>;
  /** "" when the body was over BODY_LIMIT */
  body: string;
  /** the body was over BODY_LIMIT and left unread */
  bodyTooLarge?: boolean;
}

/** What the gateway answers: a response, or a dropped connection. */
export type WireResponse =
  | { kind: "response"; status: number; headers: Record<string, string>; body: string }
  | { kind: "drop" };

/** Reads a Web `Request` into a WireRequest, its body up to BODY_LIMIT. */
export async function fromRequest(request: Request): Promise<WireRequest> {
  const headers = new Map<string, string>();
  for (const [name, value] of request.headers) headers.set(name.toLowerCase(), value);
  const wire = { method: request.method.toUpperCase(), url: new URL(request.url), headers };
  const stream = request.method === "GET" || request.method === "HEAD" ? null : request.body;
  if (!stream) return { ...wire, body: "" };
  if (declaredTooLarge(headers)) {
    discard(stream.cancel());
    return { ...wire, body: "", bodyTooLarge: true };
  }
  const body = await readTextUpTo(stream, BODY_LIMIT);
  return body === undefined ? { ...wire, body: "", bodyTooLarge: true } : { ...wire, body };
}

/** true when a Content-Length header announces a body over BODY_LIMIT. */
export function declaredTooLarge(headers: Map<string, string>): boolean {
  const length = Number(headers.get("content-length"));
  return Number.isFinite(length) && length > BODY_LIMIT;
}

/**
 * Lets a cancel run without waiting for it: the cancel of a tee'd stream (msw clones the
 * request) settles only once the other branch is cancelled too.
 */
const discard = (cancel: Promise<void>) => void cancel.catch(() => undefined);

/** Turns a WireResponse into a Web `Response`; a drop becomes `Response.error()`. */
export function toResponse(wire: WireResponse): Response {
  if (wire.kind === "drop") return Response.error();
  return new Response(wire.body, { status: wire.status, headers: wire.headers });
}

/** The host the client addressed: the Host header, else the URL's. */
export function hostOf(request: WireRequest): string {
  return request.headers.get("host") ?? request.url.host;
}

/** Query parameters plus, for a form body, its parameters (a v1 signature covers both). */
export function wireParams(request: WireRequest): {
  query: [string, string][];
  body: [string, string][];
} {
  const query = [...request.url.searchParams];
  const type = request.headers.get("content-type") ?? "";
  const body =
    type.includes("application/x-www-form-urlencoded") && request.body
      ? [...new URLSearchParams(request.body)]
      : [];
  return { query, body };
}
