// The one generic runtime behind every product client: a method per action that
// validates, adds the ClientToken, and runs the attempts through the loaded pipeline.
import { runAttempts } from "./attempts.js";
import { checkRegionId } from "./endpoint.js";
import { ConfigurationError } from "./errors.js";
import type { ServiceInfo } from "./meta.js";
import type { CallOptions, ClientOptions } from "./options.js";
import { own } from "./own.js";
import { type Pipeline, pipelineLoader } from "./pipeline.js";
import { createRawClient, type RawClient } from "./raw.js";

export type { AttemptInfo, CallOptions, ClientOptions } from "./options.js";
export type { RawClient } from "./raw.js";

export const VERSION = "0.1.0";

/** Type-only key carrying a client's pageable actions (see `paginate`). */
export declare const PAGES: unique symbol;

/** Runtime key under which a client keeps its product's facts (pagination, actions). */
export const SERVICE: unique symbol = Symbol.for("alicloud-eci.service");

/** The facts a client was built from; helpers such as `paginate` read them. */
export function serviceOf(client: object): ServiceInfo {
  const service = (client as { [SERVICE]?: ServiceInfo })[SERVICE];
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
   * openapi-fetch over the same pipeline, for `{ data, error }` style:
   * `const { data, error } = await eci.raw.POST("/DescribeRegions", { body: {} })`.
   * Validation, signing, ClientToken and retries apply; API errors are returned, not
   * thrown. Loaded on first use.
   */
  readonly raw: RawClient<Paths>;
}

export function createServiceClient<Paths extends object>(
  service: ServiceInfo,
  options: ClientOptions,
): ClientBase<Paths> & Record<string, unknown> {
  const regionId = checkRegionId(options.regionId);
  const now = options.now ?? Date.now;
  const userAgent = `alicloud-eci/${VERSION}${options.userAgent ? ` ${options.userAgent}` : ""}`;
  let skewMs = 0;
  const adjustClock = (response: Response) => {
    const server = Date.parse(response.headers.get("date") ?? "");
    if (Number.isNaN(server)) return false;
    skewMs = server - Date.now();
    return true;
  };

  const load = pipelineLoader(service, { ...options, regionId }, userAgent, () => now() + skewMs);
  let pipeline: Pipeline | Promise<Pipeline> | undefined;

  async function run(
    action: string,
    given: object | undefined,
    call: CallOptions | undefined,
    raw: boolean,
  ) {
    const meta = own(service.actions, action);
    if (!meta) throw new ConfigurationError(`${action} is not a ${service.product} action`);
    pipeline ??= load();
    // after the first call the pipeline is a plain object: no await on the hot path
    if (pipeline instanceof Promise) pipeline = await pipeline;
    const { transport, fetch, check } = pipeline;
    const input = given ?? {}; // validation then names what is required
    const shape = check?.(action, input);
    // once per call: every attempt reuses it, and errors of unknown outcome carry it
    const clientToken =
      meta.ct && own(input as Record<string, unknown>, meta.ct) == null
        ? crypto.randomUUID()
        : undefined;
    const body = clientToken ? { ...input, [meta.ct as string]: clientToken } : input;
    const plan = {
      product: service.product,
      action,
      meta,
      transport,
      fetch,
      client: options,
      call,
      raw,
      now,
      adjustClock,
      clientToken,
    };
    return runAttempts(plan, transport.prepare(action, body, shape));
  }

  const call = (action: string, input: object, callOptions?: CallOptions) =>
    run(action, input, callOptions, false);
  const client: Record<string | symbol, unknown> = {
    product: service.product,
    regionId,
    call,
    raw: createRawClient<Paths>(
      (action, input, signal) =>
        run(action, input, signal ? { signal } : undefined, true) as Promise<Response>,
    ),
    [SERVICE]: service,
  };
  for (const action of Object.keys(service.actions)) {
    const method = action[0]?.toLowerCase() + action.slice(1);
    client[method] = (input: object, callOptions?: CallOptions) =>
      run(action, input, callOptions, false);
  }
  return client as unknown as ClientBase<Paths> & Record<string, unknown>;
}
