// The one generic runtime behind every product client: a method per action, each a
// call through the path in call.ts; `raw` and `call` are built on the same path.

import { VERSION } from "../../generated/version.js";
import { ConfigurationError, PopError } from "../base/errors.js";
import type { Logger } from "../base/logger.js";
import { own } from "../base/objects.js";
import { type CallTarget, callAction } from "./call.js";
import { checkRegionId } from "./endpoint.js";
import type { ServiceFacts, ServiceInfo } from "./meta.js";
import type { CallOptions, ClientOptions } from "./options.js";
import type { RawClient } from "./raw.js";

export type { AttemptInfo, CallOptions, ClientOptions } from "./options.js";
export type { RawClient } from "./raw.js";
export { VERSION };

/** Type-only key carrying a client's pageable actions (see `paginate`). */
export declare const PAGES: unique symbol;

/** Runtime key under which a client keeps its product's facts (pagination, actions). */
export const SERVICE: unique symbol = Symbol.for("alicloud-eci.service");

/** Runtime key under which a client keeps its `logger` option, for the waiters that poll it. */
const LOGGER: unique symbol = Symbol.for("alicloud-eci.logger");

/** The `logger` a client was made with, if any. */
export function loggerOf(client: object): Logger | undefined {
  return (client as { [LOGGER]?: Logger })[LOGGER];
}

/** The facts a client was built from; helpers such as `paginate` read them. */
export function serviceOf(client: object): ServiceFacts {
  const service = (client as { [SERVICE]?: ServiceFacts })[SERVICE];
  if (!service) {
    throw new TypeError(
      "expected a client made by createEciClient, createVpcClient, createEcsClient or createSlbClient",
    );
  }
  return service;
}

/** Every product client has these besides its per-action methods. */
export interface ClientBase<Paths extends object, Pages = Record<never, never>> {
  /** @hidden type-level map of the actions `paginate` accepts and their item types */
  readonly [PAGES]?: Pages;
  /** lower-case product key: `eci`, `vpc`, `ecs`, `slb` */
  readonly product: string;
  /** the region the client was created for (`ClientOptions.regionId`) */
  readonly regionId: string;
  /** Calls any action by name: `client.call("DescribeRegions", { … })`. */
  call(action: string, input: object, options?: CallOptions): Promise<unknown>;
  /**
   * openapi-fetch over the same calls, for `{ data, error }` style:
   * `const { data, error } = await eci.raw.POST("/DescribeRegions", { body: {} })`.
   * Validation, signing, ClientToken and retries apply; API errors are returned, not
   * thrown. Loaded on first use.
   */
  readonly raw: RawClient<Paths>;
}

/**
 * A client whose calls run on the target `loaderOf` builds: the signing one of target.ts
 * (`createServiceClient`, service-client.ts) or the proxy-only one of proxy-target.ts
 * (alicloud-eci/browser). Nothing here imports either, so a page bundled without code
 * splitting reaches the signer only through the first.
 */
export function buildClient<Paths extends object, Service extends ServiceFacts = ServiceInfo>(
  service: Service,
  options: ClientOptions,
  loaderOf: (
    service: Service,
    options: ClientOptions,
    userAgent: string,
  ) => () => Promise<CallTarget>,
): ClientBase<Paths> & Record<string, unknown> {
  const regionId = checkRegionId(options.regionId);
  const userAgent = `alicloud-eci/${VERSION}${options.userAgent ? ` ${options.userAgent}` : ""}`;
  const load = loaderOf(service, { ...options, regionId }, userAgent);
  let target: CallTarget | Promise<CallTarget> | undefined;

  async function call(action: string, input: object | undefined, callOptions?: CallOptions) {
    const meta = own(service.actions, action);
    if (!meta) throw new ConfigurationError(`${action} is not a ${service.product} action`);
    target ??= load();
    // after the first call the target is a plain object: no await on the hot path
    if (target instanceof Promise) target = await target;
    return callAction(target, action, meta, input, callOptions);
  }

  const client: Record<string | symbol, unknown> = {
    product: service.product,
    regionId,
    call,
    raw: lazyRaw<Paths>((action, input, signal) =>
      call(action, input, signal ? { signal } : undefined).then(answer, errorAnswer),
    ),
    [SERVICE]: service,
    [LOGGER]: options.logger,
  };
  for (const action of Object.keys(service.actions)) {
    const method = action[0]?.toLowerCase() + action.slice(1);
    client[method] = (input: object, callOptions?: CallOptions) => call(action, input, callOptions);
  }
  return client as unknown as ClientBase<Paths> & Record<string, unknown>;
}

// `raw` callers get the API's answer back as a Response, errors included
const answer = (data: object) => jsonResponse(200, data);
const errorAnswer = (error: unknown) => {
  if (!(error instanceof PopError)) throw error;
  if (error.rawBody === undefined) return jsonResponse(error.statusCode, error.body);
  return new Response(error.rawBody, { status: error.statusCode }); // not JSON: as it came, masked
};
const jsonResponse = (status: number, body: object) =>
  new Response(JSON.stringify(body), { status, headers: { "content-type": "application/json" } });

/** `raw`, loaded (with openapi-fetch) on its first use: pages that never use it never carry it. */
function lazyRaw<Paths extends object>(
  send: (action: string, input: object, signal: AbortSignal | undefined) => Promise<Response>,
): RawClient<Paths> {
  let raw: Promise<RawClient<Paths>> | undefined;
  const load = () => {
    raw ??= import("./raw.js").then((m) => m.createRawClient<Paths>(send));
    return raw;
  };
  return {
    POST: ((...args: unknown[]) =>
      load().then((r) =>
        (r.POST as (...a: unknown[]) => unknown)(...args),
      )) as RawClient<Paths>["POST"],
  };
}
