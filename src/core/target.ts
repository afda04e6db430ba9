// What a client loads on its first call: how requests are built (signed, or for the
// proxy), how they are sent, and, when the client validates itself, the request shapes.
// All of it is imported lazily, so a proxy-mode browser page never downloads the
// signer, the credentials chain or the shapes.

import { ConfigurationError } from "../base/errors.js";
import { own } from "../base/objects.js";
import { randomNonce } from "../base/time.js";
import { fetchSender } from "../transport/fetch-sender.js";
import type { Sender } from "../transport/types.js";
import type { CallTarget } from "./call.js";
import { resolveEndpoint } from "./endpoint.js";
import type { ServiceInfo } from "./meta.js";
import type { ClientOptions } from "./options.js";

/** Settles what the options say (bad ones throw now) and returns the lazy loader. */
export function targetLoader(
  service: ServiceInfo,
  options: ClientOptions,
  userAgent: string,
): () => Promise<CallTarget> {
  const now = options.now ?? Date.now;
  const base = { product: service.product, options, now };
  if (options.proxy !== undefined) {
    if (options.credentials || options.endpoint) {
      throw new ConfigurationError(
        "proxy mode takes no credentials or endpoint: the proxy signs and picks the host",
      );
    }
    const proxy = options.proxy;
    return async () => {
      const [{ createProxyTransport }, send] = await Promise.all([
        import("../transport/proxy.js"),
        defaultSender(options),
      ]);
      const transport = createProxyTransport({
        base: proxy,
        product: service.product,
        userAgent,
        headers: options.proxyHeaders,
      });
      return { ...base, transport, send };
    };
  }
  const origin = resolveEndpoint(service, options.regionId, options.endpoint);
  const signatureVersion = options.signatureVersion ?? "v3";
  if (signatureVersion !== "v3" && signatureVersion !== "v1") {
    throw new ConfigurationError(
      `signatureVersion must be "v3" or "v1", got ${JSON.stringify(signatureVersion)}`,
    );
  }
  return async () => {
    const [{ createSigningTransport, resolveCredentials, validate }, full, send] =
      await Promise.all([import("./signed.js"), service.load(), defaultSender(options)]);
    const transport = await createSigningTransport({
      origin,
      version: service.version,
      signatureVersion,
      credentials: resolveCredentials(options.credentials),
      userAgent,
      now,
      nonce: options.nonce ?? randomNonce,
    });
    const check = (action: string, input: object) => {
      const shape = own(full.actions, action)?.in;
      if (shape && options.validate !== false) validate(action, shape, input);
      return shape;
    };
    return { ...base, transport, send, check };
  };
}

/** The given fetch; else node:http in Node (less CPU per call), else the global fetch. */
async function defaultSender(options: ClientOptions): Promise<Sender> {
  if (options.fetch) return fetchSender(options.fetch);
  if (
    typeof (globalThis as { process?: { getBuiltinModule?: unknown } }).process
      ?.getBuiltinModule === "function"
  ) {
    return (await import("../transport/node-http.js")).nodeHttpSender();
  }
  return fetchSender((input, init) => globalThis.fetch(input, init));
}
