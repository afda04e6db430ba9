// A Web-standard signing proxy: browsers send unsigned typed calls, the server checks
// them (authorize, allow-list, region, size, spec) and signs with its own credentials.

import { eciInfo } from "../../generated/eci.service.js";
import { ecsInfo } from "../../generated/ecs.service.js";
import { slbInfo } from "../../generated/slb.service.js";
import { vpcInfo } from "../../generated/vpc.service.js";
import { type ClientBase, type ClientOptions, createServiceClient } from "../core/client.js";
import { isRegionId } from "../core/endpoint.js";
import { TimeoutError, type ValidationError } from "../core/errors.js";
import type { ServiceInfo } from "../core/meta.js";
import { validate } from "../core/validate.js";
import type { CredentialsOption } from "../credentials/types.js";
import type { FetchLike } from "../transport/types.js";
import { type CorsOptions, corsHeaders, preflight } from "./cors.js";

const SERVICES: Record<string, ServiceInfo> = {
  eci: eciInfo,
  vpc: vpcInfo,
  ecs: ecsInfo,
  slb: slbInfo,
};

/** Products the proxy can forward to. */
export type ProxyProduct = "eci" | "vpc" | "ecs" | "slb";

/** One call as the proxy sees it. */
export interface ProxyCall {
  /** the product called: `eci`, `vpc`, `ecs` or `slb` */
  product: ProxyProduct;
  /** the action, e.g. `DescribeContainerGroups` */
  action: string;
  /** the action's input, credential-like fields already removed */
  input: Record<string, unknown>;
}

/** What `authorize` returns: deny, allow, or allow naming who is calling (for the audit log). */
export type AuthorizeResult =
  | boolean
  | {
      /** who is calling (a user id, an email), recorded in the audit event */
      principal: string;
    };

/** What `onAudit` receives for every call, allowed or not. No secrets, no input values. */
export interface AuditEvent {
  /** who, when `authorize` named them */
  principal?: string;
  /** the product called, when the request got that far */
  product?: string;
  /** the action called, when the request got that far */
  action?: string;
  /** the region the call was for */
  regionId?: string;
  /** allowed: forwarded upstream; denied: authorize/allow/region said no; invalid: bad request */
  outcome: "allowed" | "denied" | "invalid" | "failed";
  /** HTTP status returned to the browser */
  status: number;
  /** error code returned, when any */
  code?: string;
  /** upstream request id, when the call was forwarded */
  requestId?: string;
  /** time from the request's arrival to the answer */
  durationMs: number;
}

/** What `createProxyHandler` lets through, for whom, and how it signs and forwards. */
export interface ProxyOptions {
  /** the server's credentials (or provider); default: the default chain, as clients use; never sent to the browser */
  credentials?: CredentialsOption;
  /** product/action pairs the browser may call (`"eci/DescribeContainerGroups"`, `"eci/*"`), or a predicate */
  allow: readonly string[] | ((call: { product: ProxyProduct; action: string }) => boolean);
  /** decides whether this request may make this call; there is no default-open mode */
  authorize: (request: Request, call: ProxyCall) => AuthorizeResult | Promise<AuthorizeResult>;
  /** regions the proxy serves; calls naming another are refused (default: any well-formed region) */
  regions?: readonly string[];
  /** region used when an action's input has no RegionId (default: the first of `regions`) */
  defaultRegion?: string;
  /** largest accepted request body in bytes (default 65 536) */
  maxBodyBytes?: number;
  /** CORS for pages on other origins (default: same-origin only, no CORS headers) */
  cors?: CorsOptions;
  /** receives who/what/result of every call */
  onAudit?: (event: AuditEvent) => void;
  /** upstream fetch (default: global fetch) */
  fetch?: FetchLike;
  /** upstream signature (default v3) */
  signatureVersion?: "v3" | "v1";
  /** upstream retry policy (default: none; the browser client retries through the proxy) */
  retry?: ClientOptions["retry"];
  /** upstream per-attempt timeout in ms */
  timeoutMs?: number;
}

// fields a browser might send to steer signing or the host; they are never forwarded
const IGNORED_FIELDS = new Set([
  "AccessKeyId",
  "AccessKeySecret",
  "SecurityToken",
  "Signature",
  "SignatureMethod",
  "SignatureNonce",
  "SignatureVersion",
  "SignatureType",
  "BearerToken",
  "Timestamp",
  "Format",
  "Version",
  "Action",
  "Endpoint",
  "endpoint",
  "credentials",
  "accessKeyId",
  "accessKeySecret",
  "securityToken",
]);

const json = (status: number, body: object, headers?: Record<string, string>) =>
  new Response(JSON.stringify(body), {
    status,
    headers: { "content-type": "application/json", ...headers },
  });

const fail = (status: number, code: string, message: string, extra: object = {}) => ({
  status,
  body: { RequestId: crypto.randomUUID(), Code: code, Message: message, ...extra },
});

type Failure = ReturnType<typeof fail>;

/**
 * Creates the proxy: a `(request: Request) => Promise<Response>` for Node (see
 * `toNodeListener`), Hono, Next.js route handlers or Workers. It accepts
 * `POST {base}/{product}/{Action}` with the JSON input, checks it, signs it with
 * the server's credentials and returns the upstream answer (errors included).
 *
 * @example
 * ```ts
 * const handler = createProxyHandler({
 *   credentials: { accessKeyId, accessKeySecret },
 *   allow: ["eci/DescribeContainerGroups", "eci/CreateImageCache", "eci/DescribeImageCaches"],
 *   authorize: (request) => request.headers.get("x-session") === expectedSession,
 *   regions: ["cn-hangzhou"],
 * });
 * ```
 */
export function createProxyHandler(options: ProxyOptions): (request: Request) => Promise<Response> {
  if (typeof options.authorize !== "function") {
    throw new TypeError(
      "createProxyHandler needs an authorize function: the proxy has no default-open mode",
    );
  }
  const maxBodyBytes = options.maxBodyBytes ?? 65_536;
  const isAllowed = allowList(options.allow);
  const clients = new Map<string, ClientBase<object>>();

  function clientFor(product: string, regionId: string) {
    const key = `${product}/${regionId}`;
    let client = clients.get(key);
    if (!client) {
      client = createServiceClient(SERVICES[product] as ServiceInfo, {
        regionId,
        credentials: options.credentials,
        fetch: options.fetch,
        signatureVersion: options.signatureVersion,
        retry: options.retry ?? false,
        timeoutMs: options.timeoutMs,
      });
      clients.set(key, client);
    }
    return client;
  }

  return async (request: Request): Promise<Response> => {
    const started = Date.now();
    const cors = corsHeaders(options.cors, request);
    const event: AuditEvent = { outcome: "invalid", status: 0, durationMs: 0 };
    const answer = (status: number, body: object, outcome: AuditEvent["outcome"]) => {
      Object.assign(event, { status, outcome, durationMs: Date.now() - started });
      const code = (body as { Code?: unknown }).Code;
      if (typeof code === "string" && status >= 400) event.code = code;
      options.onAudit?.(event);
      return json(status, body, cors);
    };
    const refuse = (failure: Failure, outcome: AuditEvent["outcome"]) =>
      answer(failure.status, failure.body, outcome);

    if (request.method === "OPTIONS") return preflight(options.cors, request);
    if (request.method !== "POST")
      return refuse(fail(405, "MethodNotAllowed", "use POST"), "invalid");

    const [product, action] = new URL(request.url).pathname.split("/").filter(Boolean).slice(-2);
    const service = product ? SERVICES[product] : undefined;
    if (!service || !action || !service.actions[action]) {
      return refuse(
        fail(404, "InvalidAction.NotFound", `unknown product or action: ${product}/${action}`),
        "invalid",
      );
    }
    Object.assign(event, { product, action });
    const read = await readBody(request, maxBodyBytes);
    if ("status" in read) return refuse(read, "invalid");
    const input = read.input;

    // who is asking comes first: an unauthorized caller learns nothing about the allow-list
    const decision = await options.authorize(request, {
      product: product as ProxyProduct,
      action,
      input,
    });
    if (typeof decision === "object" && decision) event.principal = decision.principal;
    if (!decision) {
      return refuse(
        fail(403, "Forbidden", "the proxy's authorize hook denied this call"),
        "denied",
      );
    }
    if (!isAllowed(product as ProxyProduct, action)) {
      return refuse(
        fail(403, "Forbidden.Action", `${product}/${action} is not allowed through this proxy`),
        "denied",
      );
    }

    const regionId =
      typeof input.RegionId === "string"
        ? input.RegionId
        : (options.defaultRegion ?? options.regions?.[0]);
    if (regionId === undefined)
      return refuse(fail(400, "MissingParameter", "RegionId is required"), "invalid");
    event.regionId = regionId;
    if (!isRegionId(regionId) || (options.regions && !options.regions.includes(regionId))) {
      return refuse(
        fail(
          403,
          "Forbidden.Region",
          `region ${JSON.stringify(regionId)} is not served by this proxy`,
        ),
        "denied",
      );
    }

    const full = await service.load();
    try {
      validate(action, (full.actions[action] as { in: never }).in, input);
    } catch (error) {
      const issues = (error as ValidationError).issues;
      return refuse(
        fail(400, "ValidationError", (error as Error).message, { Issues: issues }),
        "invalid",
      );
    }

    try {
      // biome-ignore lint/suspicious/noExplicitAny: the action is checked against the product at run time
      const raw = clientFor(product as string, regionId).raw as any;
      const { data, error, response } = await raw.POST(`/${action}`, { body: input });
      const body =
        data ??
        (typeof error === "object" && error
          ? error
          : { Code: "NonJsonResponse", Message: String(error) });
      event.requestId = (body as { RequestId?: string }).RequestId;
      return answer(response.status, body, response.ok ? "allowed" : "failed");
    } catch (error) {
      const status = error instanceof TimeoutError ? 504 : 502;
      const code = error instanceof Error ? error.name : "ProxyError";
      return refuse(
        fail(status, code, error instanceof Error ? error.message : "upstream call failed"),
        "failed",
      );
    }
  };
}

function allowList(allow: ProxyOptions["allow"]) {
  if (typeof allow === "function")
    return (product: ProxyProduct, action: string) => allow({ product, action });
  if (!Array.isArray(allow))
    throw new TypeError("allow must be a list of product/action pairs or a predicate");
  const exact = new Set(allow);
  return (product: ProxyProduct, action: string) =>
    exact.has(`${product}/${action}`) || exact.has(`${product}/*`);
}

/** Reads at most `limit` bytes of a JSON object body, dropping fields that could steer signing. */
async function readBody(
  request: Request,
  limit: number,
): Promise<{ input: Record<string, unknown> } | Failure> {
  const tooLarge = () =>
    fail(413, "RequestEntityTooLarge", `request body is larger than ${limit} bytes`);
  const declared = Number(request.headers.get("content-length") ?? "0");
  if (declared > limit) return tooLarge();
  const chunks: Uint8Array[] = [];
  let size = 0;
  if (request.body) {
    const reader = request.body.getReader();
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      size += value.byteLength;
      if (size > limit) {
        await reader.cancel();
        return tooLarge();
      }
      chunks.push(value);
    }
  }
  const bytes = new Uint8Array(size);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.byteLength;
  }
  let parsed: unknown;
  try {
    parsed = size ? JSON.parse(new TextDecoder().decode(bytes)) : {};
  } catch {
    return fail(400, "InvalidParameter", "the request body must be a JSON object");
  }
  if (!parsed || typeof parsed !== "object" || Array.isArray(parsed)) {
    return fail(400, "InvalidParameter", "the request body must be a JSON object");
  }
  const input: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(parsed))
    if (!IGNORED_FIELDS.has(key)) input[key] = value;
  return { input };
}
