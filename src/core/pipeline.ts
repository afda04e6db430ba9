// What a client loads on its first call: how requests are built (signed, or for the
// proxy), the fetch that sends them, and, when the client validates itself, the request
// shapes. All of it is imported lazily, so a proxy-mode browser page never downloads
// the signer, the credentials chain or the shapes.
import type { FetchLike, Transport } from "../transport/types.js";
import { resolveEndpoint } from "./endpoint.js";
import { ConfigurationError } from "./errors.js";
import type { ServiceInfo } from "./meta.js";
import type { ClientOptions } from "./options.js";
import type { Shape } from "./shape.js";
import { randomNonce } from "./time.js";

export interface Pipeline {
  transport: Transport;
  fetch: FetchLike;
  /** checks an input against its action's shape; absent in proxy mode (the proxy checks) */
  check?: (action: string, input: object) => Shape | undefined;
}

/** Settles what the options say (bad ones throw now) and returns the lazy loader. */
export function pipelineLoader(
  service: ServiceInfo,
  options: ClientOptions,
  userAgent: string,
  now: () => number,
): () => Promise<Pipeline> {
  if (options.proxy !== undefined) {
    if (options.credentials || options.endpoint) {
      throw new ConfigurationError(
        "proxy mode takes no credentials or endpoint: the proxy signs and picks the host",
      );
    }
    const base = options.proxy;
    return async () => {
      const [{ createProxyTransport }, fetch] = await Promise.all([
        import("../transport/proxy.js"),
        defaultFetch(options),
      ]);
      return {
        fetch,
        transport: createProxyTransport({
          base,
          product: service.product,
          userAgent,
          headers: options.proxyHeaders,
        }),
      };
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
    const [{ createSigningTransport }, { resolveCredentials }, { validate }, full, fetch] =
      await Promise.all([
        import("../transport/signing.js"),
        import("../credentials/resolve.js"),
        import("./validate.js"),
        service.load(),
        defaultFetch(options),
      ]);
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
      const shape = full.actions[action]?.in;
      if (shape) validate(action, shape, input);
      return shape;
    };
    return { transport, fetch, check };
  };
}

/** The given fetch; else node:http in Node (less CPU per call), else the global fetch. */
async function defaultFetch(options: ClientOptions): Promise<FetchLike> {
  if (options.fetch) return options.fetch;
  if (
    typeof (globalThis as { process?: { getBuiltinModule?: unknown } }).process
      ?.getBuiltinModule === "function"
  ) {
    return (await import("../transport/node-http.js")).nodeHttpFetch;
  }
  return (input, init) => globalThis.fetch(input, init);
}
