// Sending over node:http/node:https with keep-alive agents. Global fetch (undici) pays
// for WHATWG streams, Request, Response and Headers objects and linked abort signals on
// every call; POP answers are small JSON documents, so the default transport in Node
// reads them into one buffer over a plain socket and hands the call path a plain Answer.
// Node's modules are looked up on the first request (process.getBuiltinModule), never
// imported: this file bundles for browsers, where it is simply never called.
import type * as Http from "node:http";
import type * as Https from "node:https";
import type * as Zlib from "node:zlib";
import { timedOut } from "../base/time.js";
import type { Answer, FetchLike, Sender } from "./types.js";

/** Options of {@link createNodeHttpFetch}. */
export interface NodeHttpFetchOptions {
  /** agent for `http:` URLs; default: a keep-alive agent reusing the most recent socket first */
  httpAgent?: Http.Agent;
  /** agent for `https:` URLs; default: a keep-alive agent reusing the most recent socket first */
  httpsAgent?: Https.Agent;
}

interface Node {
  http: typeof Http;
  https: typeof Https;
  zlib: typeof Zlib;
  httpAgent: Http.Agent;
  httpsAgent: Https.Agent;
}

interface Sent {
  method: string;
  headers: Http.OutgoingHttpHeaders;
  body: string | Uint8Array | undefined;
  timeoutMs?: number;
  signal?: AbortSignal;
}

/** What came back: the status line, the headers and the decoded body. */
type Received = Http.IncomingMessage & { bytes: Buffer };

/** Sends one request over a keep-alive socket and reads the whole answer. */
function createNodeRequester(options: NodeHttpFetchOptions) {
  let node: Node | undefined;
  const origins = new Map<string, { secure: boolean; host: string; port: string }>();

  return (url: string, sent: Sent) =>
    new Promise<Received>((resolve, reject) => {
      const { signal } = sent;
      if (signal?.aborted) return reject(signal.reason);
      node ??= loadNode(options);
      // "https://host:port/path?query": the origin is parsed once, not every call
      const slash = url.indexOf("/", url.indexOf("//") + 2);
      const origin = slash < 0 ? url : url.slice(0, slash);
      let target = origins.get(origin);
      if (!target) {
        const parsed = new URL(origin);
        if (parsed.protocol !== "https:" && parsed.protocol !== "http:") {
          return reject(new TypeError(`fetch failed: unsupported protocol ${parsed.protocol}`));
        }
        target = { secure: parsed.protocol === "https:", host: parsed.hostname, port: parsed.port };
        origins.set(origin, target);
      }
      const { http, https, zlib, httpAgent, httpsAgent } = node;
      const request = (target.secure ? https : http).request({
        host: target.host,
        port: target.port || undefined,
        path: slash < 0 ? "/" : url.slice(slash),
        method: sent.method,
        headers: sent.headers,
        agent: target.secure ? httpsAgent : httpAgent,
      });
      let timer: ReturnType<typeof setTimeout> | undefined;
      const onAbort = () => request.destroy(signal?.reason);
      const done = () => {
        if (timer) clearTimeout(timer);
        signal?.removeEventListener("abort", onAbort);
      };
      if (sent.timeoutMs !== undefined) {
        timer = setTimeout(() => request.destroy(timedOut), sent.timeoutMs);
      }
      signal?.addEventListener("abort", onAbort, { once: true });
      request.on("error", (error) => {
        done();
        reject(error);
      });
      request.on("response", (answer: Received) => {
        const chunks: Buffer[] = [];
        answer.on("data", (chunk: Buffer) => chunks.push(chunk));
        answer.on("error", (error) => request.destroy(error));
        answer.on("end", () => {
          done();
          try {
            const bytes = chunks.length === 1 ? (chunks[0] as Buffer) : Buffer.concat(chunks);
            answer.bytes = decode(zlib, bytes, answer.headers["content-encoding"]);
          } catch (cause) {
            return reject(cause);
          }
          resolve(answer);
        });
        answer.on("close", () => {
          if (!answer.complete) request.destroy(new Error("the server closed the answer early"));
        });
      });
      request.end(sent.body);
    });
}

let sharedSender: Sender | undefined;

/** The call path's default Sender in Node: one set of keep-alive agents for every client. */
export function nodeHttpSender(): Sender {
  sharedSender ??= createNodeHttpSender({});
  return sharedSender;
}

function createNodeHttpSender(options: NodeHttpFetchOptions): Sender {
  const send = createNodeRequester(options);
  return async (request, timeoutMs, signal) => {
    const { body } = request;
    const length = body === undefined ? 0 : Buffer.byteLength(body);
    const headers: Http.OutgoingHttpHeaders = { ...request.headers, "content-length": length };
    const received = await send(request.url, {
      method: request.method,
      headers,
      body,
      timeoutMs,
      signal,
    });
    return answerOf(received);
  };
}

function answerOf(received: Received): Answer {
  const { headers } = received;
  return {
    status: received.statusCode ?? 0,
    header: (name) => {
      const value = headers[name];
      return Array.isArray(value) ? value.join(", ") : value;
    },
    text: received.bytes.toString("utf8"),
  };
}

// statuses whose answer can have no body: Response refuses one
const NULL_BODY = new Set([101, 204, 205, 304]);
const BODYLESS_METHODS = new Set(["GET", "HEAD"]);

/**
 * Makes a `fetch` for the `fetch` client option that sends over node:http / node:https
 * with keep-alive agents instead of global fetch. Clients use the same transport by
 * default in Node (without the `Response` objects); this is for code that wants it as a
 * `fetch`, or with its own agents.
 *
 * Differences from global fetch, none of which POP calls rely on: redirects are not
 * followed (a 3xx comes back as it is); the whole body is read before the promise
 * resolves; request bodies may be a string, bytes or URLSearchParams; `Response.url` is
 * empty. Compressed answers (gzip, deflate, br) are decoded. Network failures reject with
 * `TypeError("fetch failed")` whose `cause` is the socket error (with its `code`, e.g.
 * `ECONNREFUSED`), as global fetch does; an aborted `signal` rejects with the signal's
 * reason and closes the socket. Needs Node.js 20.16 or later.
 *
 * @example
 * ```ts
 * import { createEciClient } from "alicloud-eci";
 * import { createNodeHttpFetch } from "alicloud-eci/node";
 *
 * const eci = createEciClient({ regionId: "cn-hangzhou", fetch: createNodeHttpFetch() });
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

function loadNode(options: NodeHttpFetchOptions): Node {
  const process = globalThis.process;
  if (typeof process?.getBuiltinModule !== "function") {
    throw new TypeError("nodeHttpFetch needs Node.js >= 20.16 (process.getBuiltinModule)");
  }
  const http = process.getBuiltinModule("node:http");
  const https = process.getBuiltinModule("node:https");
  return {
    http,
    https,
    zlib: process.getBuiltinModule("node:zlib"),
    httpAgent: options.httpAgent ?? new http.Agent({ keepAlive: true, scheduling: "lifo" }),
    httpsAgent: options.httpsAgent ?? new https.Agent({ keepAlive: true, scheduling: "lifo" }),
  };
}

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

function decode(zlib: typeof Zlib, bytes: Buffer, encoding: string | undefined): Buffer {
  if (!encoding || encoding === "identity" || bytes.length === 0) return bytes;
  if (encoding === "gzip" || encoding === "x-gzip") return zlib.gunzipSync(bytes);
  if (encoding === "deflate") return zlib.inflateSync(bytes);
  if (encoding === "br") return zlib.brotliDecompressSync(bytes);
  return bytes;
}
