// `createNodeHttpFetch`: the node:http sender as a `fetch`, for code that wants one (or its
// own agents). Clients use the sender directly in Node, without the Response objects.
import type * as Http from "node:http";
import { createNodeRequester, type NodeHttpFetchOptions, type Received } from "./node-http.js";
import type { FetchLike } from "./types.js";

// statuses whose answer can have no body: Response refuses one
const NULL_BODY = new Set([101, 204, 205, 304]);
const BODYLESS_METHODS = new Set(["GET", "HEAD"]);

/**
 * Makes a `fetch` for the `fetch` client option that sends over node:http / node:https
 * with keep-alive agents instead of global fetch. Clients use the same transport by
 * default in Node (without the `Response` objects); this is for code that wants it as a
 * `fetch`, or with its own agents.
 *
 * It goes through the network proxy of the environment (`HTTPS_PROXY`, `HTTP_PROXY`,
 * `NO_PROXY`, read as curl reads them) or of `httpProxy`, and gives up a connection that
 * does not open within `connectTimeoutMs` (default 4 s); see docs/networking.md.
 *
 * Differences from global fetch, none of which POP calls rely on: redirects are not
 * followed (a 3xx comes back as it is); the whole body is read before the promise
 * resolves; request bodies may be a string, bytes or URLSearchParams; `Response.url` is
 * empty. Compressed answers (gzip, deflate, br) are decoded. Network failures reject with
 * `TypeError("fetch failed")` whose `cause` has the socket error's `code` (e.g.
 * `ECONNREFUSED`), as global fetch does, and the `host` (`host:port`) it could not reach:
 * the proxy's when the proxy failed. An aborted `signal` rejects with the signal's reason
 * and closes the socket. Needs Node.js 20.16 or later.
 *
 * @example
 * ```ts
 * import { createEciClient } from "alicloud-eci";
 * import { createNodeHttpFetch } from "alicloud-eci/node";
 *
 * const eci = createEciClient({
 *   regionId: "cn-hangzhou",
 *   fetch: createNodeHttpFetch({ httpProxy: "http://proxy.internal:3128" }),
 * });
 * ```
 */
export function createNodeHttpFetch(options: NodeHttpFetchOptions = {}): FetchLike {
  const send = createNodeRequester(options);
  return async (input, init = {}) => {
    const method = (init.method ?? "GET").toUpperCase();
    const body = requestBody(init.body);
    const headers = requestHeaders(init.headers);
    // global fetch announces the length of every body, an empty POST included
    if (body !== undefined || !BODYLESS_METHODS.has(method)) {
      headers["content-length"] = body === undefined ? 0 : Buffer.byteLength(body);
    }
    let received: Received;
    try {
      received = await send(input, { method, headers, body, signal: init.signal ?? undefined });
    } catch (cause) {
      if (init.signal?.aborted) throw init.signal.reason;
      throw cause instanceof TypeError ? cause : new TypeError("fetch failed", { cause });
    }
    const status = received.statusCode ?? 0;
    const empty = NULL_BODY.has(status) || method === "HEAD";
    return new BufferedResponse(empty ? null : (received.bytes as Buffer<ArrayBuffer>), {
      status,
      statusText: received.statusMessage ?? "",
      headers: responseHeaders(received.rawHeaders),
    });
  };
}

let shared: FetchLike | undefined;

/**
 * A ready {@link createNodeHttpFetch} with the default keep-alive agents, shared by every
 * client that uses it: `createEciClient({ regionId, fetch: nodeHttpFetch })`.
 */
export const nodeHttpFetch: FetchLike = (input, init) => {
  shared ??= createNodeHttpFetch();
  return shared(input, init);
};

function requestBody(body: RequestInit["body"]): string | Uint8Array | undefined {
  if (body === undefined || body === null) return undefined;
  if (typeof body === "string" || body instanceof Uint8Array) return body;
  if (body instanceof URLSearchParams) return body.toString();
  if (body instanceof ArrayBuffer) return new Uint8Array(body);
  throw new TypeError("nodeHttpFetch sends string, byte or URLSearchParams bodies only");
}

function requestHeaders(headers: RequestInit["headers"]): Http.OutgoingHttpHeaders {
  if (headers === undefined) return {};
  if (headers instanceof Headers || Array.isArray(headers)) {
    return Object.fromEntries(headers as Iterable<[string, string]>);
  }
  return { ...(headers as Record<string, string>) };
}

function responseHeaders(raw: string[]): Headers {
  const headers = new Headers();
  for (let i = 0; i < raw.length; i += 2) headers.append(raw[i] as string, raw[i + 1] as string);
  return headers;
}

/**
 * A real `Response` (instanceof works, headers and status as usual) whose body is a
 * buffer already in memory: `text()` and `json()` read it directly instead of through a
 * WHATWG stream. `body` still gives a stream to those who ask for one.
 */
class BufferedResponse extends Response {
  #bytes: Buffer<ArrayBuffer> | null;
  #used = false;
  #stream: Response["body"] | undefined;

  constructor(bytes: Buffer<ArrayBuffer> | null, init: ResponseInit) {
    super(null, init);
    this.#bytes = bytes;
  }

  override get body(): Response["body"] {
    if (this.#stream === undefined) {
      const bytes = this.#bytes;
      this.#stream = bytes && new Blob([bytes]).stream();
    }
    return this.#stream;
  }

  override get bodyUsed(): boolean {
    return this.#used || (this.#stream?.locked ?? false);
  }

  #take(): Buffer<ArrayBuffer> {
    if (this.bodyUsed) throw new TypeError("Body is unusable: Body has already been read");
    this.#used = true;
    return this.#bytes ?? Buffer.alloc(0);
  }

  override async text(): Promise<string> {
    return this.#take().toString("utf8");
  }

  override async json(): Promise<unknown> {
    return JSON.parse(this.#take().toString("utf8"));
  }

  override async arrayBuffer(): Promise<ArrayBuffer> {
    const bytes = this.#take();
    return bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength);
  }

  override async bytes(): Promise<Uint8Array<ArrayBuffer>> {
    return new Uint8Array(await this.arrayBuffer());
  }

  override async blob(): Promise<Blob> {
    return new Blob([this.#take()], { type: this.headers.get("content-type") ?? "" });
  }

  override clone(): Response {
    if (this.bodyUsed) throw new TypeError("Response.clone: Body has already been consumed.");
    return new BufferedResponse(this.#bytes, {
      status: this.status,
      statusText: this.statusText,
      headers: new Headers(this.headers),
    });
  }
}
