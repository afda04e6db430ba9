// How the Node sender's requests to an origin leave: directly, through a proxy's CONNECT
// tunnel (https), or in absolute form to the proxy (http). Decided once per origin, and
// again for every origin when the proxy environment changes.
import type * as Http from "node:http";
import type * as Https from "node:https";
import { authority, createTunnelAgent, type NetworkProxy, parseProxy } from "./http-proxy.js";
import { type ProxyEnv, proxyFor, readProxyEnv } from "./proxy-env.js";
import { SendFailure } from "./send-failure.js";

/** Where one origin's requests go. */
export interface Route {
  secure: boolean;
  /** where the socket goes: the target, or the proxy for absolute form */
  host: string;
  port: number | undefined;
  agent: Http.Agent;
  /** `host:port` of the URL, what errors about the target name */
  target: string;
  /** the network proxy, when there is one */
  proxy?: NetworkProxy;
  /** absolute form: the whole URL is the path, and these headers go with it */
  absolute?: Http.OutgoingHttpHeaders;
}

/** Node's modules and the agents for direct requests. */
export interface Direct {
  http: typeof Http;
  https: typeof Https;
  httpAgent: Http.Agent;
  httpsAgent: Https.Agent;
  /** TLS options for the agents made here (trusted CAs) */
  tls: Https.AgentOptions;
}

/** The proxy environment is read again after this long: process.env lookups cost CPU on every call. */
const ENV_TTL_MS = 1_000;

/**
 * The route finder of one requester. `httpProxy`: a proxy URL for everything, `false` for
 * none, undefined for the environment (read at most once a second, and at once after
 * `refresh()`, which a new client calls; the routes are kept until it changes).
 */
export function createRouter(httpProxy: string | false | undefined) {
  // an explicit proxy is read now, so a bad one fails where it is given
  const fixed = typeof httpProxy === "string" ? parseProxy(httpProxy, "httpProxy") : undefined;
  const routes = new Map<string, Route>();
  // one pair of agents per proxy (and credentials): tunnels pool per proxy and target
  const proxied = new Map<string, { http?: Http.Agent; https?: Https.Agent }>();
  let decidedFor: string | undefined;
  let env: ProxyEnv | undefined;
  let readAt = Number.NEGATIVE_INFINITY;

  function decide(origin: string, direct: Direct, env: ProxyEnv | undefined): Route {
    const url = new URL(origin);
    if (url.protocol !== "https:" && url.protocol !== "http:") {
      throw new TypeError(`fetch failed: unsupported protocol ${url.protocol}`);
    }
    const secure = url.protocol === "https:";
    const host = url.hostname.replace(/^\[(.*)\]$/, "$1");
    const port = Number(url.port || (secure ? 443 : 80));
    const target = authority(host, port);
    const given = url.port ? port : undefined;
    const chosen = env && proxyFor(env, { secure, host, port });
    let proxy = fixed;
    if (chosen) {
      try {
        proxy = parseProxy(chosen.url, chosen.from);
      } catch (error) {
        throw new SendFailure(target, { reason: (error as Error).message, notSent: true });
      }
    }
    if (!proxy) {
      const agent = secure ? direct.httpsAgent : direct.httpAgent;
      return { secure, host, port: given, agent, target };
    }
    const key = `${proxy.host} ${proxy.authorization ?? ""}`;
    const agents = proxied.get(key) ?? {};
    proxied.set(key, agents);
    if (secure) {
      const tunnels = { keepAlive: true, scheduling: "lifo", ...direct.tls } as const;
      agents.https ??= createTunnelAgent(direct, proxy, tunnels);
      return { secure, host, port: given, agent: agents.https, target, proxy };
    }
    // a connection per request: proxies often close one after its answer without saying so
    // (tinyproxy does), and a request sent on it then fails halfway
    agents.http ??= new direct.http.Agent({ keepAlive: false });
    const absolute: Http.OutgoingHttpHeaders = { host: authority(host, given) };
    if (proxy.authorization) absolute["proxy-authorization"] = proxy.authorization;
    const { hostname, port: proxyPort } = proxy;
    return { secure, host: hostname, port: proxyPort, agent: agents.http, target, proxy, absolute };
  }

  const find = (origin: string, direct: Direct): Route => {
    const now = httpProxy === undefined ? Date.now() : 0;
    if (httpProxy === undefined && now - readAt >= ENV_TTL_MS) {
      env = readProxyEnv(process.env);
      readAt = now;
      const key = `${env.https}\n${env.http}\n${env.noProxy}`;
      if (key !== decidedFor) {
        routes.clear();
        decidedFor = key;
      }
    }
    let route = routes.get(origin);
    if (!route) {
      route = decide(origin, direct, env);
      routes.set(origin, route);
    }
    return route;
  };
  /** Reads the environment again on the next request. */
  const refresh = () => {
    readAt = Number.NEGATIVE_INFINITY;
  };
  return Object.assign(find, { refresh });
}
