// Going out through an HTTP proxy. https targets: a CONNECT tunnel, then TLS to the target
// inside it, with SNI and the target's certificate checked as on a direct connection; the
// agent pools the tunnels (one pool per proxy and target, kept alive like any socket).
// http targets: absolute-form requests (`POST http://host/path`) to the proxy itself, a
// connection each (route.ts says why).
// Node's modules come in as arguments: this file, like node-http.ts, imports none.
import type * as Http from "node:http";
import type * as Https from "node:https";
import type { Duplex } from "node:stream";
import { ConfigurationError } from "../base/errors.js";
import { SendFailure } from "./send-failure.js";

/** A network proxy as the sender uses it. */
export interface NetworkProxy {
  hostname: string;
  port: number;
  /** `host:port`, what errors name */
  host: string;
  /** `Basic …` for the `user:pass@` of the URL (percent-decoded), else undefined */
  authorization: string | undefined;
}

/**
 * Reads a proxy URL: `http://[user:pass@]host[:port]`, the scheme optional and the port
 * 1080 when none is given, as curl reads them. Errors name `from` (the variable or option),
 * never the URL: it may hold a password.
 */
export function parseProxy(url: string, from: string): NetworkProxy {
  let parsed: URL | undefined;
  try {
    parsed = new URL(/^[a-z][a-z\d+.-]*:\/\//i.test(url) ? url : `http://${url}`);
  } catch {}
  if (parsed?.protocol !== "http:" || !parsed.hostname) {
    throw new ConfigurationError(
      `${from} is not a proxy URL this SDK can use: http://[user:password@]host[:port] (https:// and socks proxies are not supported)`,
    );
  }
  const hostname = parsed.hostname.replace(/^\[(.*)\]$/, "$1");
  const port = Number(parsed.port || 1080);
  const credentials = parsed.username || parsed.password;
  return {
    hostname,
    port,
    host: `${parsed.hostname}:${port}`,
    authorization: credentials
      ? `Basic ${Buffer.from(`${decode(parsed.username)}:${decode(parsed.password)}`).toString("base64")}`
      : undefined,
  };
}

/**
 * Whether an answer in absolute form is the proxy refusing us rather than the target
 * answering: 407, or a 401 with a Basic challenge to the credentials we sent (tinyproxy
 * answers wrong credentials so; POP never asks for Basic authentication).
 */
export function refusedByProxy(proxy: NetworkProxy, status: number, challenge: unknown): boolean {
  if (status === 407) return true;
  return status === 401 && proxy.authorization !== undefined && /^basic\b/i.test(String(challenge));
}

/** What the proxy said when it would not carry a request (its status), as a SendFailure. */
export function proxyRefusal(proxy: NetworkProxy, status: number, target: string): SendFailure {
  const credentials = status === 407 || (status === 401 && proxy.authorization !== undefined);
  const reason = !credentials
    ? `proxy did not open a tunnel to ${target} (HTTP ${status})`
    : proxy.authorization
      ? `proxy refused the credentials (${status})`
      : `proxy requires credentials (${status}): give them as http://user:password@host:port`;
  // credentials refused now are refused on every retry: the call fails at once
  return new SendFailure(proxy.host, { reason, notSent: true, final: credentials });
}

/**
 * A request option (symbol-keyed, so it reaches the agent and nothing else) with an
 * AbortSignal that gives up the tunnel's CONNECT when the request is given up first.
 */
export const TUNNEL_SIGNAL = Symbol("tunnel signal");

/** An https agent whose connections are TLS sessions inside CONNECT tunnels through `proxy`. */
export function createTunnelAgent(
  modules: { http: typeof Http; https: typeof Https },
  proxy: NetworkProxy,
  options: Https.AgentOptions,
): Https.Agent {
  class TunnelAgent extends modules.https.Agent {
    override createConnection(
      connection: Https.RequestOptions,
      done?: (error: Error | null, socket: Duplex) => void,
    ): undefined {
      const target = authority(String(connection.host), Number(connection.port));
      const connect = modules.http.request({
        host: proxy.hostname,
        port: proxy.port,
        method: "CONNECT",
        path: target,
        headers: proxy.authorization
          ? { host: target, "proxy-authorization": proxy.authorization }
          : { host: target },
        agent: false, // the tunnel is this request's own socket
      });
      // the first outcome is the one the agent hears: a tunnel, the proxy's no, or giving up
      const signal = (connection as { [TUNNEL_SIGNAL]?: AbortSignal })[TUNNEL_SIGNAL];
      let settled = false;
      const settle = (error: Error | null, socket?: Duplex) => {
        if (settled) return;
        settled = true;
        signal?.removeEventListener("abort", giveUp);
        done?.(error, socket as Duplex);
      };
      const giveUp = () => {
        settle(signal?.reason ?? new Error("the tunnel was given up"));
        connect.destroy();
      };
      signal?.addEventListener("abort", giveUp, { once: true });
      connect.once("connect", (answer, socket, head) => {
        if (settled) return socket.destroy(); // given up while the proxy was answering
        if (answer.statusCode !== 200) {
          socket.destroy();
          return settle(proxyRefusal(proxy, answer.statusCode ?? 0, target));
        }
        if (head.length > 0) socket.unshift(head);
        // the target's TLS over the tunnel: https.Agent's own connection, session reuse included
        const tls = { ...connection, socket } as Https.RequestOptions;
        settle(null, super.createConnection(tls) as Duplex);
      });
      connect.once("error", (cause) => {
        const code = (cause as { code?: string }).code;
        const reason = `cannot connect to the proxy: ${code ?? cause.message}`;
        settle(new SendFailure(proxy.host, { reason, cause, notSent: true }));
      });
      connect.end();
      return undefined;
    }
  }
  return new TunnelAgent(options);
}

/** `host:port` (or the host alone) as a request line and the Host header write it: IPv6 in brackets. */
export function authority(host: string, port?: number): string {
  const name = host.includes(":") ? `[${host}]` : host;
  return port === undefined ? name : `${name}:${port}`;
}

function decode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}
