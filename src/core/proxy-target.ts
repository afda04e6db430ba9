// The call target of a client in proxy mode: unsigned JSON to the signing proxy. Nothing
// here reaches the signer, the credentials, the request shapes or node:http: target.ts
// uses it with its default sender, and alicloud-eci/browser with a plain fetch, so that
// a page bundled without code splitting (every `import()` inlined) stays small.

import { ConfigurationError } from "../base/errors.js";
import { fetchSender } from "../transport/fetch-sender.js";
import { createProxyTransport } from "../transport/proxy.js";
import { locate } from "../transport/send-failure.js";
import type { Sender } from "../transport/types.js";
import type { CallTarget } from "./call.js";
import type { ServiceFacts } from "./meta.js";
import { optionalParts } from "./optional-parts.js";
import type { ClientOptions } from "./options.js";

/** Returns the loader of a proxy-mode target; `sender` is asked for the sender once. */
export function proxyTargetLoader(
  service: ServiceFacts,
  proxy: string,
  options: ClientOptions,
  userAgent: string,
  sender: () => Promise<Sender>,
): () => Promise<CallTarget> {
  const transport = createProxyTransport({
    base: proxy,
    product: service.product,
    userAgent,
    headers: options.proxyHeaders,
  });
  return async () => {
    const [send, extras] = await Promise.all([sender(), optionalParts(options)]);
    const now = options.now ?? Date.now;
    return {
      product: service.product,
      options,
      now,
      ...extras,
      host: hostOf(proxy),
      transport,
      send,
    };
  };
}

/** Options that belong to signing or to Node's transport: the proxy does both. */
const REFUSED = [
  "credentials",
  "endpoint",
  "signatureVersion",
  "nonce",
  "httpProxy",
  "extraCaCerts",
  "connectTimeoutMs",
] as const;

/** Options of a client from `alicloud-eci/browser`: every call goes through the signing proxy. */
export interface ProxyClientOptions
  extends Omit<ClientOptions, "proxy" | (typeof REFUSED)[number]> {
  /** base URL of the signing proxy's route (`alicloud-eci/proxy`), e.g. `/api/alicloud` */
  proxy: string;
}

const ELSEWHERE =
  'to sign in the page with STS keys, import the client from "alicloud-eci" instead';

/**
 * The loader of alicloud-eci/browser clients: proxy mode or nothing, sent with `fetch`
 * (the option, else the global one). Bad options throw now.
 */
export function proxyOnlyLoader(
  service: ServiceFacts,
  options: ClientOptions,
  userAgent: string,
): () => Promise<CallTarget> {
  // signing options first: whoever passes credentials here meant to sign
  const given = REFUSED.filter((name) => options[name] !== undefined);
  if (given.length) {
    throw new ConfigurationError(
      `alicloud-eci/browser clients take no ${given.join(", ")}: the proxy signs with the server's credentials and picks the host; ${ELSEWHERE}`,
    );
  }
  const proxy = options.proxy;
  if (typeof proxy !== "string" || proxy === "") {
    throw new ConfigurationError(
      `alicloud-eci/browser clients call through a signing proxy: pass proxy, the URL of its route (e.g. "/api/alicloud"); ${ELSEWHERE}`,
    );
  }
  const send = fetchSender(options.fetch ?? ((input, init) => globalThis.fetch(input, init)));
  // failures name the host:port they were for, as the main entry's senders do
  const located: Sender = (request, timeoutMs, signal) =>
    send(request, timeoutMs, signal).catch((error: unknown) => {
      throw locate(error, request.url);
    });
  return proxyTargetLoader(service, proxy, options, userAgent, async () => located);
}

/** The proxy's host for logs; a relative base (`/api/alicloud`) is the page's own origin. */
function hostOf(base: string): string {
  try {
    return new URL(base).host;
  } catch {
    return base;
  }
}
