import type { IncomingMessage, ServerResponse } from "node:http";

/**
 * Mounts a Web-standard handler (such as the proxy) on Node's `http` server.
 *
 * @example
 * ```ts
 * import { createServer } from "node:http";
 * createServer(toNodeListener(handler)).listen(8080);
 * ```
 */
export function toNodeListener(
  handler: (request: Request) => Promise<Response>,
): (req: IncomingMessage, res: ServerResponse) => Promise<void> {
  return async (req, res) => {
    try {
      const headers = new Headers();
      for (const [name, value] of Object.entries(req.headers)) {
        if (value !== undefined) headers.set(name, Array.isArray(value) ? value.join(", ") : value);
      }
      const hasBody = req.method !== "GET" && req.method !== "HEAD";
      const url = `${scheme(req)}://${req.headers.host ?? "localhost"}${req.url ?? "/"}`;
      const request = new Request(url, {
        method: req.method,
        headers,
        body: hasBody ? streamOf(req) : undefined,
        // @ts-expect-error undici needs duplex for a streamed request body; lib.dom does not know it
        duplex: "half",
      });
      const response = await handler(request);
      res.writeHead(response.status, Object.fromEntries(response.headers));
      res.end(new Uint8Array(await response.arrayBuffer()));
    } catch {
      if (!res.headersSent) res.writeHead(500, { "content-type": "application/json" });
      res.end(
        JSON.stringify({ Code: "ProxyError", Message: "the proxy failed to handle the request" }),
      );
    }
  };
}

/**
 * `https` on a TLS socket or behind a proxy that says so (`X-Forwarded-Proto`), else
 * `http`: the handler compares the page's `Origin` with this. A page cannot set the
 * header on a cross-site request without a preflight, which the handler refuses.
 */
function scheme(req: IncomingMessage): "http" | "https" {
  if ((req.socket as { encrypted?: boolean }).encrypted) return "https";
  const forwarded = req.headers["x-forwarded-proto"];
  const first = (Array.isArray(forwarded) ? forwarded[0] : forwarded)?.split(",")[0]?.trim();
  return first?.toLowerCase() === "https" ? "https" : "http";
}

// ReadableStream.from exists in Node >= 20.6; lib.dom's types do not declare it yet
const streamOf = (source: AsyncIterable<Uint8Array>) =>
  (
    ReadableStream as unknown as { from(s: AsyncIterable<Uint8Array>): ReadableStream<Uint8Array> }
  ).from(source);
