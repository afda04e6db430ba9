// Sending over node:http/node:https with keep-alive agents. Global fetch (undici) pays
// for WHATWG streams, Request, Response and Headers objects and linked abort signals on
// every call; POP answers are small JSON documents, so the default transport in Node
// reads them into one buffer over a plain socket and hands the call path a plain Answer.
// It goes through the environment's network proxy (proxy-env.ts, http-proxy.ts) unless
// told otherwise, and gives up a connection that does not open within connectTimeoutMs.
// Node's modules are looked up on the first request (process.getBuiltinModule), never
// imported: this file bundles for browsers, where it is simply never called.
import type * as Http from "node:http";
import type * as Https from "node:https";
import type * as Tls from "node:tls";
import type * as Zlib from "node:zlib";
import { proxyRefusal, refusedByProxy, TUNNEL_SIGNAL } from "./http-proxy.js";
import { createRouter, type Direct, type Route } from "./route.js";
import { codeOf, SendFailure } from "./send-failure.js";
import type { Answer, Sender } from "./types.js";

/** What {@link NodeHttpFetchOptions.connectTimeoutMs} is when not given. */
export const DEFAULT_CONNECT_TIMEOUT_MS = 4000;

/** Options of {@link createNodeHttpFetch}. */
export interface NodeHttpFetchOptions {
  /** agent for `http:` requests that go direct (not through a proxy); default: a keep-alive agent reusing the most recent socket first */
  httpAgent?: Http.Agent;
  /** agent for `https:` requests that go direct (not through a proxy); default: a keep-alive agent reusing the most recent socket first */
  httpsAgent?: Https.Agent;
  /**
   * The network proxy: `http://[user:password@]host[:port]` for every request, or `false`
   * for none. Default: the environment, read at every request as curl reads it
   * (`HTTPS_PROXY`, `HTTP_PROXY`, `NO_PROXY` and their lower-case forms). See docs/networking.md.
   */
  httpProxy?: string | false;
  /**
   * Certificates (PEM text) to trust besides Node's own, e.g. the CA of a proxy that
   * inspects TLS: what `NODE_EXTRA_CA_CERTS` does for the whole process, for this
   * transport's connections only (not for a `httpsAgent` of your own).
   */
  extraCaCerts?: string | readonly string[];
  /**
   * Limit in ms to open a connection: DNS, TCP, the proxy's tunnel and the TLS handshake
   * (default 4000; 0 for none). A connection that never opened sent nothing, so clients
   * retry that failure even for calls that are not safe to repeat.
   */
  connectTimeoutMs?: number;
}

interface Node extends Direct {
  zlib: typeof Zlib;
}

export interface Sent {
  method: string;
  headers: Http.OutgoingHttpHeaders;
  body: string | Uint8Array | undefined;
  timeoutMs?: number;
  connectTimeoutMs?: number;
  signal?: AbortSignal;
}

/** What came back: the status line, the headers and the decoded body. */
export type Received = Http.IncomingMessage & { bytes: Buffer };

/** Sends one request over a keep-alive socket and reads the whole answer. */
export function createNodeRequester(options: NodeHttpFetchOptions) {
  let node: Node | undefined;
  const findRoute = createRouter(options.httpProxy);
  const connectTimeoutMs = options.connectTimeoutMs ?? DEFAULT_CONNECT_TIMEOUT_MS;

  const requester = (url: string, sent: Sent) =>
    new Promise<Received>((resolve, reject) => {
      const { signal } = sent;
      if (signal?.aborted) return reject(signal.reason);
      node ??= loadNode(options);
      const { zlib } = node;
      // "https://host:port/path?query": the route is decided per origin, not every call
      const slash = url.indexOf("/", url.indexOf("//") + 2);
      let route: Route;
      try {
        route = findRoute(slash < 0 ? url : url.slice(0, slash), node);
      } catch (error) {
        return reject(error);
      }
      const { proxy, absolute } = route;
      const tunnel = proxy && !absolute ? new AbortController() : undefined;
      const request = (route.secure ? node.https : node.http).request({
        host: route.host,
        port: route.port,
        path: absolute ? url : slash < 0 ? "/" : url.slice(slash),
        method: sent.method,
        headers: absolute ? { ...sent.headers, ...absolute } : sent.headers,
        agent: route.agent,
        ...(tunnel && { [TUNNEL_SIGNAL]: tunnel.signal }),
      });
      const watch = watchRequest(request, route, tunnel, {
        timeoutMs: sent.timeoutMs,
        connectTimeoutMs: sent.connectTimeoutMs ?? connectTimeoutMs,
        signal,
      });

      request.on("error", (error) => {
        watch.done();
        reject(signal?.aborted ? signal.reason : watch.failed(error));
      });
      request.on("response", (answer: Received) => {
        const status = answer.statusCode ?? 0;
        if (
          proxy &&
          absolute &&
          refusedByProxy(proxy, status, answer.headers["www-authenticate"])
        ) {
          watch.done();
          answer.resume();
          return reject(proxyRefusal(proxy, status, route.target));
        }
        const chunks: Buffer[] = [];
        answer.on("data", (chunk: Buffer) => chunks.push(chunk));
        answer.on("error", (error) => request.destroy(error));
        answer.on("end", () => {
          watch.done();
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
  // a new client reads the proxy environment afresh (it is otherwise read once a second)
  return Object.assign(requester, { refresh: findRoute.refresh });
}

/**
 * Gives a request up when a limit passes or the signal fires (a tunnel still being opened
 * is given up with the same error, which the request then gets), and names its failures.
 */
function watchRequest(
  request: Http.ClientRequest,
  route: Route,
  tunnel: AbortController | undefined,
  limits: { timeoutMs?: number; connectTimeoutMs: number; signal?: AbortSignal },
) {
  const state: Opening = { socketed: false, opened: false };
  const { signal, timeoutMs, connectTimeoutMs } = limits;
  const giveUp = (reason: unknown) => {
    request.destroy(reason as Error);
    tunnel?.abort(reason);
  };
  const after = (limitMs: number) =>
    setTimeout(() => giveUp(failure(route, state, { limitMs })), limitMs);
  const answerTimer = timeoutMs === undefined ? undefined : after(timeoutMs);
  // a tunnel is opened before the request gets its socket, so its timer starts now; a direct
  // connection's when the socket is given, and a kept-alive socket (most calls) needs none
  const tunnelled = route.proxy !== undefined && route.absolute === undefined;
  let connectTimer = tunnelled && connectTimeoutMs > 0 ? after(connectTimeoutMs) : undefined;
  request.once("socket", (socket) => {
    state.socketed = true;
    const open = () => {
      state.opened = true;
      clearTimeout(connectTimer);
    };
    if (request.reusedSocket) return open();
    if (!connectTimer && connectTimeoutMs > 0) connectTimer = after(connectTimeoutMs);
    socket.once(route.secure ? "secureConnect" : "connect", open);
  });
  const onAbort = () => giveUp(signal?.reason);
  signal?.addEventListener("abort", onAbort, { once: true });
  return {
    /** the request is over: no more timers, no more listening to the signal */
    done() {
      clearTimeout(answerTimer);
      clearTimeout(connectTimer);
      signal?.removeEventListener("abort", onAbort);
    },
    /** what a socket error of the request means */
    failed: (error: Error) =>
      error instanceof SendFailure ? error : failure(route, state, { cause: error }),
  };
}

/**
 * How far a request's connection got. Until it is open (connected, the proxy's tunnel and
 * TLS up, or a kept-alive socket reused) nothing of the request can have been sent.
 */
interface Opening {
  /** the agent gave the request a socket: a tunnel, if any, is up */
  socketed: boolean;
  opened: boolean;
}

/** A request's failure (a socket error, or a timer after `limitMs`), named after who it is about. */
function failure(route: Route, state: Opening, why: { cause?: Error; limitMs?: number }) {
  const { proxy, absolute } = route;
  // the proxy, until it has carried the request to the target (a tunnel) or for good (absolute form)
  const atProxy = proxy !== undefined && (absolute !== undefined || !state.socketed);
  const host = atProxy ? proxy.host : route.target;
  if (why.limitMs !== undefined) {
    if (state.opened) return new SendFailure(route.target, { timedOut: true });
    const reason = `no connection within ${why.limitMs} ms`;
    return new SendFailure(host, { reason, timedOut: true, notSent: true });
  }
  const { cause } = why;
  const code = codeOf(cause) ?? cause?.message;
  const reason = atProxy
    ? `${state.opened ? "the connection to the proxy failed" : "cannot connect to the proxy"}: ${code}`
    : undefined;
  return new SendFailure(host, { reason, cause, notSent: !state.opened });
}

/** What a client tells its sender (the ClientOptions of the same names). */
export type NodeSenderOptions = Pick<
  NodeHttpFetchOptions,
  "httpProxy" | "extraCaCerts" | "connectTimeoutMs"
>;

type Requester = ReturnType<typeof createNodeRequester>;

/** One requester (one set of keep-alive agents) per proxy and CA setting, shared by clients. */
const requesters = new Map<string, Requester>();

/** The call path's default Sender in Node. */
export function nodeHttpSender(options: NodeSenderOptions = {}): Sender {
  const { httpProxy, extraCaCerts, connectTimeoutMs } = options;
  const key = JSON.stringify([httpProxy, extraCaCerts]);
  let send = requesters.get(key);
  if (!send) {
    send = createNodeRequester({ httpProxy, extraCaCerts });
    requesters.set(key, send);
  } else send.refresh();
  return senderOver(send, connectTimeoutMs);
}

function senderOver(
  send: ReturnType<typeof createNodeRequester>,
  connectTimeoutMs: number | undefined,
): Sender {
  return async (request, timeoutMs, signal) => {
    // node:http announces the body's length itself (0 for an empty POST), as fetch does
    const received = await send(request.url, {
      method: request.method,
      headers: request.headers,
      body: request.body,
      timeoutMs,
      connectTimeoutMs,
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
    headers: () =>
      Object.entries(headers).flatMap(([name, value]) =>
        value === undefined
          ? []
          : [[name, Array.isArray(value) ? value.join(", ") : String(value)]],
      ),
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
  const tls = options.extraCaCerts
    ? trusting(process.getBuiltinModule("node:tls"), options.extraCaCerts)
    : {};
  return {
    http,
    https,
    zlib: process.getBuiltinModule("node:zlib"),
    tls,
    httpAgent: options.httpAgent ?? new http.Agent({ keepAlive: true, scheduling: "lifo" }),
    httpsAgent:
      options.httpsAgent ?? new https.Agent({ keepAlive: true, scheduling: "lifo", ...tls }),
  };
}

/** One TLS context trusting Node's CAs and `extra` (made once: parsing the roots is not cheap). */
function trusting(tls: typeof Tls, extra: string | readonly string[]): Https.AgentOptions {
  // Node >= 22.15 knows its whole default set (NODE_EXTRA_CA_CERTS included); older ones the bundled roots
  const own = (tls as { getCACertificates?: (kind: string) => string[] }).getCACertificates;
  const roots = own ? own("default") : tls.rootCertificates;
  return { secureContext: tls.createSecureContext({ ca: [...roots, ...[extra].flat()] }) };
}

function decode(zlib: typeof Zlib, bytes: Buffer, encoding: string | undefined): Buffer {
  if (!encoding || encoding === "identity" || bytes.length === 0) return bytes;
  if (encoding === "gzip" || encoding === "x-gzip") return zlib.gunzipSync(bytes);
  if (encoding === "deflate") return zlib.inflateSync(bytes);
  if (encoding === "br") return zlib.brotliDecompressSync(bytes);
  return bytes;
}
