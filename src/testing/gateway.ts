// The fake's front door, in the order the real gateway works: read the wire request, apply
// faults, authenticate (signature, key, token, timestamp, nonce), find the product and
// action, rebuild and validate the input, honour ClientToken, call the product model,
// answer in POP's JSON with a RequestId.
import { ValidationError } from "../base/errors.js";
import { sleep } from "../base/time.js";
import type { ActionMeta } from "../core/meta.js";
import { validate } from "../core/validate.js";
import type { FakeClock, FakeDurations } from "./clock.js";
import {
  ECHO_LIMIT,
  errorBody,
  FakeApiError,
  invalidParameter,
  missingParameter,
  notFound,
  stringsIn,
  tooLarge,
  withoutEchoes,
} from "./errors.js";
import type { Faults } from "./faults.js";
import type { IdempotencyStore } from "./idempotency.js";
import type { IdFactory } from "./ids.js";
import type { ImageCatalogue } from "./images.js";
import { own } from "./own.js";
import { type ActionContext, actionContext } from "./products/context.js";
import { PRODUCTS, type ProductModel } from "./products/index.js";
import type { RegionTable } from "./regions.js";
import type { World } from "./state.js";
import type { Stock } from "./stock.js";
import { compact, unflatten, wireName } from "./unflatten.js";
import {
  checkAnonymous,
  isV3,
  type KeyRing,
  type NonceStore,
  type Principal,
  verifyV1,
  verifyV3,
} from "./verify.js";
import { BODY_LIMIT, hostOf, type WireRequest, type WireResponse, wireParams } from "./wire.js";

/** One call the fake received, for tests to inspect (`fake.requests`). */
export interface RequestRecord {
  /** fake time of the call, ms */
  readonly time: number;
  /** `eci`, `vpc`, `ecs`, `slb`, `sts`; absent when the request named no known product */
  readonly product?: string;
  /** the action called; absent when the request named none */
  readonly action?: string;
  /** the action's input as the fake understood it (common and signature parameters left out) */
  readonly params: Readonly<Record<string, unknown>>;
  /** HTTP status sent; 0 when the connection was dropped */
  readonly status: number;
  /** error code, for failed calls */
  readonly code?: string;
  /** the `RequestId` of the answer */
  readonly requestId: string;
  /** how the request was signed; absent when it carried no signature */
  readonly signatureVersion?: "v3" | "v1";
  /** the AccessKey ID that signed it (never the secret) */
  readonly accessKeyId?: string;
}

/** Everything the gateway works with. */
export interface Gateway {
  world: World;
  clock: FakeClock;
  ids: IdFactory;
  requestIds: IdFactory;
  faults: Faults;
  /** `fake.stock`: zones and specs sold out, scheduling failures */
  stock: Stock;
  keys: KeyRing;
  nonces: NonceStore;
  idempotency: IdempotencyStore;
  images: ImageCatalogue;
  regions: RegionTable;
  durations: FakeDurations;
  /** the wall clock the signature window is measured on */
  wall: () => number;
  windowMs: number;
  defaultRegion: string;
  log: RequestRecord[];
  /** told about every call once it is answered */
  onRequest?: (record: RequestRecord) => void;
}

const COMMON = new Set([
  "Action",
  "Version",
  "Format",
  "AccessKeyId",
  "SignatureMethod",
  "SignatureNonce",
  "SignatureVersion",
  "SignatureType",
  "Timestamp",
  "Signature",
  "SecurityToken",
]);
const BY_VERSION = new Map(PRODUCTS.map((p) => [p.meta.version, p]));
const LOG_LIMIT = 10_000;

/** Answers one wire request. `signal` cancels an injected delay. */
export async function serve(
  gateway: Gateway,
  request: WireRequest,
  signal?: AbortSignal,
): Promise<WireResponse> {
  const requestId = gateway.requestIds.requestId();
  const { query, body } = wireParams(request);
  const v3 = isV3(request);
  const param = (name: string) =>
    query.find(([n]) => n === name)?.[1] ?? body.find(([n]) => n === name)?.[1];
  const action = (v3 ? request.headers.get("x-acs-action") : param("Action")) ?? undefined;
  const version = (v3 ? request.headers.get("x-acs-version") : param("Version")) ?? undefined;
  const product = version ? BY_VERSION.get(version) : undefined;
  const record: { -readonly [K in keyof RequestRecord]: RequestRecord[K] } = {
    time: gateway.clock.now(),
    params: {},
    status: 0,
    requestId,
    ...(product ? { product: product.meta.product } : {}),
    ...(action ? { action } : {}),
  };
  const keep = () => {
    gateway.log.push(record);
    if (gateway.log.length > LOG_LIMIT) gateway.log.splice(0, gateway.log.length - LOG_LIMIT);
    gateway.onRequest?.(record);
  };

  const arrival = gateway.faults.onArrival(action ?? "");
  if (arrival.latencyMs > 0) await sleep(arrival.latencyMs, signal);
  if (arrival.drop === "before") {
    record.code = "ConnectionDropped";
    keep();
    return { kind: "drop" };
  }

  let status = 200;
  let answer: Record<string, unknown>;
  let extraHeaders: Record<string, string> = {};
  let regionId = gateway.defaultRegion;
  try {
    if (request.bodyTooLarge) throw tooLarge(BODY_LIMIT);
    if (request.method !== "POST" && request.method !== "GET") {
      throw new FakeApiError(
        "UnsupportedHTTPMethod",
        `The HTTP method ${request.method} is not supported; use POST or GET.`,
      );
    }
    if (!action) throw missingParameter("Action");
    if (!version) throw missingParameter("Version");
    const context = {
      keys: gateway.keys,
      nonces: gateway.nonces,
      now: gateway.wall(),
      windowMs: gateway.windowMs,
    };
    // an action the API takes anonymously may come unsigned (it is checked if signed)
    const anonymous =
      product && own(product.meta.actions, action)?.anon === true && !v3 && !param("Signature");
    const principal = anonymous
      ? checkAnonymous([...query, ...body], context)
      : v3
        ? verifyV3(request, query, context)
        : verifyV1(request, [...query, ...body], context);
    if (principal) {
      record.signatureVersion = principal.signatureVersion;
      record.accessKeyId = principal.accessKeyId;
    }
    if (!product)
      throw new FakeApiError(
        "InvalidVersion",
        `Specified parameter Version ${version} is not valid.`,
      );
    // own keys only: `toString` or `constructor` is an unknown action, not Object's member
    const meta = own(product.meta.actions, action);
    const handler = own(product.actions, action);
    if (!meta || !handler) {
      throw notFound(
        "InvalidAction.NotFound",
        `Specified api ${action} is not found, please check your url and method.`,
      );
    }
    const injected = gateway.faults.onCall(action);
    if (injected) throw injected;
    gateway.clock.settle();

    const input = readInput(meta, action, [...query, ...body]);
    record.params = input;
    regionId = regionOf(gateway, request, input);
    if (input.DryRun === true) {
      throw new FakeApiError(
        "DryRunOperation",
        "Request validation has been passed with DryRun flag set.",
      );
    }
    answer = {
      RequestId: requestId,
      ...call(gateway, product, action, meta, handler, input, principal, regionId),
    };
  } catch (error) {
    const failure =
      error instanceof FakeApiError
        ? error
        : new FakeApiError(
            "InternalError",
            `The fake cloud failed: ${(error as Error)?.message ?? String(error)}`,
            500,
          );
    status = failure.status;
    extraHeaders = failure.headers;
    record.code = failure.code;
    const message = withoutEchoes(failure.message, echoable(request, query, body, record.params));
    answer = errorBody(
      new FakeApiError(failure.code, message, failure.status, failure.headers),
      requestId,
      hostId(product, regionId, request),
      product?.code ?? "Pop",
    );
  }
  record.status = status;
  if (arrival.drop === "after") {
    // carried out, but the answer never leaves: the client sees a dropped connection
    record.status = 0;
    record.code = "ConnectionDropped";
    keep();
    return { kind: "drop" };
  }
  keep();
  return {
    kind: "response",
    status,
    headers: {
      "content-type": "application/json;charset=utf-8",
      "x-acs-request-id": requestId,
      date: new Date(gateway.wall()).toUTCString(),
      ...extraHeaders,
    },
    body: JSON.stringify(answer),
  };
}

/**
 * What of the request an error message could repeat: names and values as sent (and their
 * segments and comma-separated items, which models echo alone), headers, and the strings
 * of the input as rebuilt.
 */
function* echoable(
  request: WireRequest,
  query: [string, string][],
  body: [string, string][],
  input: unknown,
): Generator<string> {
  for (const [name, value] of [...query, ...body, ...request.headers]) {
    yield name;
    yield value;
    if (name.length > ECHO_LIMIT) yield* name.split(".");
    if (value.length > ECHO_LIMIT) yield* value.split(",").map((item) => item.trim());
  }
  yield* stringsIn(input);
}

/** Wire parameters → the checked, nested input of the action. */
function readInput(
  meta: ActionMeta,
  action: string,
  params: [string, string][],
): Record<string, unknown> {
  const input = unflatten(
    params.filter(([name]) => !COMMON.has(name)),
    meta.in,
  );
  try {
    validate(action, meta.in, input);
  } catch (error) {
    if (!(error instanceof ValidationError)) throw error;
    // unknown parameters are ignored, as the real gateway does, and so are gaps in a
    // list's numbering (Tag.2 without Tag.1): the wire has no way to send a hole on purpose
    const issues = error.issues.filter(
      (issue) =>
        !issue.rule.startsWith("is not a parameter of") &&
        issue.rule !== "must be a value (got undefined)",
    );
    const missing = issues.find((issue) => issue.rule.startsWith("is required"));
    if (missing) throw missingParameter(wireName(missing.path));
    const first = issues[0];
    // a rule quotes the value; one parsed from JSON is nowhere on the wire as such
    if (first)
      throw invalidParameter(
        wireName(first.path) || action,
        withoutEchoes(first.rule, stringsIn(input)),
      );
  }
  return compact(input);
}

/** Runs the action, replaying the first result for a repeated ClientToken. */
function call(
  gateway: Gateway,
  product: ProductModel,
  action: string,
  meta: ActionMeta,
  handler: (context: ActionContext, input: unknown) => object,
  input: Record<string, unknown>,
  principal: Principal | undefined,
  regionId: string,
): Record<string, unknown> {
  const token = meta.ct ? input[meta.ct] : undefined;
  const key = `${principal?.accessKeyId ?? ""}\n${product.meta.product}\n${action}\n${String(token)}`;
  if (meta.ct && typeof token === "string" && token) {
    const replay = gateway.idempotency.replay(key, input, meta.ct);
    if (replay) return replay;
  }
  const context = { ...actionContext(gateway, regionId), caller: principal };
  const result = handler(context, input) as Record<string, unknown>;
  if (meta.ct && typeof token === "string" && token)
    gateway.idempotency.remember(key, input, meta.ct, result);
  return result;
}

/** The region of a call: RegionId, else the endpoint's region, else the region of an id it names. */
function regionOf(gateway: Gateway, request: WireRequest, input: Record<string, unknown>): string {
  const given = input.RegionId;
  if (typeof given === "string" && given) {
    if (!Object.hasOwn(gateway.regions, given))
      throw notFound("InvalidRegionId.NotFound", `The specified region ${given} does not exist.`);
    return given;
  }
  const host = /^[a-z]+[.-]([a-z0-9-]+)\.aliyuncs\.com$/.exec(
    hostOf(request).replace(/:\d+$/, ""),
  )?.[1];
  if (host && Object.hasOwn(gateway.regions, host)) return host;
  return regionOfIds(gateway.world, input) ?? gateway.defaultRegion;
}

/** Central endpoints route by resource: the region of the first known id in the input. */
function regionOfIds(world: World, value: unknown): string | undefined {
  if (typeof value === "string") {
    for (const map of [
      world.eci.groups,
      world.eci.caches,
      world.vpc.vpcs,
      world.vpc.vSwitches,
      world.vpc.natGateways,
      world.vpc.eips,
      world.ecs.securityGroups,
      world.slb.loadBalancers,
    ] as Map<string, { RegionId: string }>[]) {
      const found = map.get(value);
      if (found) return found.RegionId;
    }
    return undefined;
  }
  if (value && typeof value === "object") {
    for (const item of Object.values(value)) {
      const region = regionOfIds(world, item);
      if (region) return region;
    }
  }
  return undefined;
}

function hostId(product: ProductModel | undefined, regionId: string, request: WireRequest): string {
  if (!product) return hostOf(request);
  const { map, regional } = product.meta.endpoint;
  return own(map, regionId) ?? regional.replace("{regionId}", regionId);
}
