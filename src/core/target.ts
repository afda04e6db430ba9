// What a client loads on its first call: how requests are built (signed, or for the
// proxy), how they are sent, and, when the client validates itself, the request shapes.
// All of it is imported lazily, so a proxy-mode browser page never downloads the
// signer, the credentials chain or the shapes.

import { ConfigurationError } from "../base/errors.js";
import { own } from "../base/objects.js";
import { randomNonce } from "../base/time.js";
import { fetchSender } from "../transport/fetch-sender.js";
import { locate } from "../transport/send-failure.js";
import type { Sender } from "../transport/types.js";
import type { CallTarget } from "./call.js";
import { resolveEndpoint } from "./endpoint.js";
import type { ServiceInfo } from "./meta.js";
import { checkRegion, optionalParts } from "./optional-parts.js";
import type { ClientOptions } from "./options.js";
import { proxyTargetLoader } from "./proxy-target.js";

/** Settles what the options say (bad ones throw now) and returns the lazy loader. */
export function targetLoader(
  service: ServiceInfo,
  options: ClientOptions,
  userAgent: string,
): () => Promise<CallTarget> {
  const now = options.now ?? Date.now;
  const base = { product: service.product, options, now };
  if (options.fetch && NODE_TRANSPORT.some((name) => options[name] !== undefined)) {
    throw new ConfigurationError(
      `${NODE_TRANSPORT.join(", ")} are for the default Node transport: give them to your fetch (createNodeHttpFetch)`,
    );
  }
  if (options.proxy !== undefined) {
    if (options.credentials || options.endpoint) {
      throw new ConfigurationError(
        "proxy mode takes no credentials or endpoint: the proxy signs and picks the host",
      );
    }
    return proxyTargetLoader(service, options.proxy, options, userAgent, () =>
      defaultSender(options),
    );
  }
  const origin = resolveEndpoint(service, options.regionId, options.endpoint);
  const signatureVersion = options.signatureVersion ?? "v3";
  if (signatureVersion !== "v3" && signatureVersion !== "v1") {
    throw new ConfigurationError(
      `signatureVersion must be "v3" or "v1", got ${JSON.stringify(signatureVersion)}`,
    );
  }
  return async () => {
    const [{ createSigningTransport, resolveCredentials, validate }, full, send, extras] =
      await Promise.all([
        import("./signed.js"),
        service.load(),
        defaultSender(options),
        optionalParts(options),
        options.endpoint === undefined ? checkRegion(options, origin.host) : undefined,
      ]);
    const transport = await createSigningTransport({
      origin,
      version: service.version,
      signatureVersion,
      credentials: resolveCredentials(options.credentials, options.logger),
      userAgent,
      now,
      nonce: options.nonce ?? randomNonce,
      anonymous: (action) => own(service.actions, action)?.anon === true,
    });
    const check = (action: string, input: object, validates: boolean) => {
      const shape = own(full.actions, action)?.in;
      if (shape && validates) validate(action, shape, input);
      return shape;
    };
    return { ...base, ...extras, host: origin.host, transport, send, check };
  };
}

/** The options of the default Node transport (none of them reaches a fetch of the user's). */
const NODE_TRANSPORT = ["httpProxy", "extraCaCerts", "connectTimeoutMs"] as const;

/**
 * The given fetch; else node:http in Node (less CPU per call, the network proxy of the
 * environment or `httpProxy`), else the global fetch. Failures name the host:port they
 * were for.
 */
async function defaultSender(options: ClientOptions): Promise<Sender> {
  let send: Sender;
  if (options.fetch) send = fetchSender(options.fetch);
  else if (
    typeof (globalThis as { process?: { getBuiltinModule?: unknown } }).process
      ?.getBuiltinModule === "function"
  ) {
    const { httpProxy, extraCaCerts, connectTimeoutMs } = options;
    const { nodeHttpSender } = await import("../transport/node-http.js");
    send = nodeHttpSender({ httpProxy, extraCaCerts, connectTimeoutMs });
  } else send = fetchSender((input, init) => globalThis.fetch(input, init));
  return (request, timeoutMs, signal) =>
    send(request, timeoutMs, signal).catch((error: unknown) => {
      throw locate(error, request.url);
    });
}
