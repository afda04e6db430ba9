// A request as it arrived on the wire and the answer to send, independent of how the fake
// is mounted (Web Request, node:http, msw).

/** One received HTTP request. */
export interface WireRequest {
  method: string;
  url: URL;
  /** lower-case names */
  headers: Map<string, string>;
  body: string;
}

/** What the gateway answers: a response, or a dropped connection. */
export type WireResponse =
  | { kind: "response"; status: number; headers: Record<string, string>; body: string }
  | { kind: "drop" };

/** Reads a Web `Request` into a WireRequest. */
export async function fromRequest(request: Request): Promise<WireRequest> {
  const headers = new Map<string, string>();
  for (const [name, value] of request.headers) headers.set(name.toLowerCase(), value);
  const body = request.method === "GET" || request.method === "HEAD" ? "" : await request.text();
  return { method: request.method.toUpperCase(), url: new URL(request.url), headers, body };
}

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
