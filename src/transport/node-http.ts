// Sending over node:http/node:https with keep-alive agents. Global fetch (undici) pays
// for WHATWG streams, Request, Response and Headers objects and linked abort signals on
// every call; POP answers are small JSON documents, so the default transport in Node
// reads them into one buffer over a plain socket and hands the call path a plain Answer.
// Node's modules are looked up on the first request (process.getBuiltinModule), never
// imported: this file bundles for browsers, where it is simply never called.
import type * as Http from "node:http";
import type * as Https from "node:https";
import type * as Zlib from "node:zlib";
import type { Answer, Sender } from "./types.js";

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

export interface Sent {
  method: string;
  headers: Http.OutgoingHttpHeaders;
  body: string | Uint8Array | undefined;
  timeoutMs?: number;
  signal?: AbortSignal;
}

/** What came back: the status line, the headers and the decoded body. */
export type Received = Http.IncomingMessage & { bytes: Buffer };

/** Sends one request over a keep-alive socket and reads the whole answer. */
export function createNodeRequester(options: NodeHttpFetchOptions) {
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
        timer = setTimeout(() => request.destroy(timedOut()), sent.timeoutMs);
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
    // node:http announces the body's length itself (0 for an empty POST), as fetch does
    const received = await send(request.url, {
      method: request.method,
      headers: request.headers,
      body: request.body,
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

function decode(zlib: typeof Zlib, bytes: Buffer, encoding: string | undefined): Buffer {
  if (!encoding || encoding === "identity" || bytes.length === 0) return bytes;
  if (encoding === "gzip" || encoding === "x-gzip") return zlib.gunzipSync(bytes);
  if (encoding === "deflate") return zlib.inflateSync(bytes);
  if (encoding === "br") return zlib.brotliDecompressSync(bytes);
  return bytes;
}

/** What a Sender rejects with when `timeoutMs` passes first (marked, so the call path knows it). */
const timedOut = () => Object.assign(new Error("attempt timed out"), { timedOut: true });
