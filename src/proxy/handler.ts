// A Web-standard signing proxy: browsers send unsigned typed calls, the server checks
// them (origin, size, authorize, allow-list, region, spec) and signs with its own
// credentials. Nothing it answers or audits carries those credentials.

import { createRedactor } from "../base/redact.js";
import type { ClientBase } from "../core/client.js";
import type { ActionMeta, ServiceInfo } from "../core/meta.js";
import { createServiceClient } from "../core/service-client.js";
import { validate } from "../core/validate.js";
import { fail, json } from "./answer.js";
import { startAudit } from "./audit.js";
import { parseInput, readBody } from "./body.js";
import { lruCache, MAX_CLIENTS } from "./clients.js";
import { corsHeaders, preflight } from "./cors.js";
import { foreignOrigin, mediaType, unsupported } from "./guards.js";
import { allowedBy, allowList } from "./policy.js";
import { redactDeep, watchCredentials, watchFetch } from "./secrets.js";
import { servesRegion, serviceFor } from "./services.js";
import type { AuditEvent, ProxyOptions, ProxyProduct } from "./types.js";
import { fromAnswer, fromThrown, GENERIC, type Outcome } from "./upstream.js";

export type {
  AuditEvent,
  AuthorizeResult,
  ProxyCall,
  ProxyOptions,
  ProxyProduct,
} from "./types.js";

/**
 * Creates the proxy: a `(request: Request) => Promise<Response>` for Node (see
 * `toNodeListener`), Hono, Next.js route handlers or Workers. It accepts
 * `POST {base}/{product}/{Action}` with the JSON input, checks it, signs it with
 * the server's credentials and returns the upstream answer (errors included, rebuilt
 * from their known fields, with the server's secrets masked).
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
  // one redactor for the server's keys, secrets and tokens, shared by every client
  const secrets = createRedactor();
  const credentials = watchCredentials(options.credentials, secrets);
  const fetch = watchFetch(options.fetch, secrets);
  const clients = lruCache<ClientBase<object>>(MAX_CLIENTS);
  const clientFor = (service: ServiceInfo, regionId: string) =>
    clients.get(`${service.product}/${regionId}`, () =>
      createServiceClient(service, {
        regionId,
        credentials,
        fetch,
        signatureVersion: options.signatureVersion,
        retry: options.retry ?? false,
        timeoutMs: options.timeoutMs,
        validate: false, // the handler has validated the input already
      }),
    );

  return async (request: Request): Promise<Response> => {
    const audit = startAudit(request.method, options.onAudit, secrets.redact);
    let cors: Record<string, string> | undefined;
    const reply = (status: number, body: object, outcome: AuditEvent["outcome"]) => {
      const code = (body as { Code?: unknown }).Code;
      audit.finish(status, outcome, typeof code === "string" && status >= 400 ? code : undefined);
      return json(status, redactDeep(body, secrets.redact), cors);
    };
    const settle = ({ status, body, outcome, error, requestId }: Outcome) => {
      if (error) audit.event.error = error;
      if (requestId) audit.event.requestId = requestId;
      return reply(status, body, outcome);
    };

    try {
      cors = corsHeaders(options.cors, request);
      if (request.method === "OPTIONS") {
        const answer = preflight(options.cors, request);
        const ok = answer.ok;
        audit.finish(answer.status, ok ? "allowed" : "denied", ok ? undefined : "Forbidden.Origin");
        return answer;
      }
      return await handle(request);
    } catch (error) {
      // a bug, or a hook (cors, allow) that threw: nothing internal goes to the browser
      return settle(fromThrown(error));
    }

    async function handle(request: Request): Promise<Response> {
      const refuse = (failure: { status: number; body: object }, outcome: AuditEvent["outcome"]) =>
        reply(failure.status, failure.body, outcome);

      const foreign = foreignOrigin(options.cors, request);
      if (foreign) return refuse(foreign, "denied");
      if (request.method !== "POST")
        return refuse(fail(405, "MethodNotAllowed", "use POST"), "invalid");
      const media = mediaType(request);
      if (typeof media === "object") return refuse(media, "invalid");

      const [product, action] = new URL(request.url).pathname.split("/").filter(Boolean).slice(-2);
      const service = serviceFor(product, action);
      if (!service || product === undefined || action === undefined) {
        return refuse(
          fail(404, "InvalidAction.NotFound", `unknown product or action: ${product}/${action}`),
          "invalid",
        );
      }
      Object.assign(audit.event, { product, action });
      const read = await readBody(request, maxBodyBytes);
      if ("status" in read) return refuse(read, "invalid");
      // no content type passes only with nothing in it: there is no input to misread
      if (media === "none" && read.text) return refuse(unsupported(), "invalid");
      const parsed = parseInput(read.text, action);
      if ("status" in parsed) return refuse(parsed, "invalid");
      const input = parsed.input;

      // who is asking comes first: an unauthorized caller learns nothing about the allow-list
      let decision: unknown;
      try {
        decision = await options.authorize(request, {
          product: product as ProxyProduct,
          action,
          input,
        });
      } catch (error) {
        audit.event.error = `authorize: ${error instanceof Error ? error.name : typeof error}`;
        return refuse(fail(500, "ProxyError", GENERIC), "failed");
      }
      const allowed = allowedBy(decision);
      if (!allowed) {
        return refuse(
          fail(403, "Forbidden", "the proxy's authorize hook denied this call"),
          "denied",
        );
      }
      if (allowed.principal !== undefined) audit.event.principal = allowed.principal;
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
      audit.event.regionId = short(regionId);
      if (!servesRegion(regionId, options.regions)) {
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
        validate(action, (full.actions[action] as ActionMeta).in, input);
      } catch (error) {
        return settle(fromThrown(error)); // a ValidationError: 400 with the issues
      }

      let result: { data?: unknown; error?: unknown; response: Response };
      try {
        // biome-ignore lint/suspicious/noExplicitAny: the action is checked against the product at run time
        const raw = clientFor(service, regionId).raw as any;
        result = await raw.POST(`/${action}`, { body: input, parseAs: "text" });
      } catch (error) {
        return settle(fromThrown(error));
      }
      return settle(fromAnswer(result.response, result.data, result.error, secrets.redact));
    }
  };
}

// the audit records the region the call named, but not 64 KiB of it
const short = (regionId: string) => (regionId.length > 64 ? `${regionId.slice(0, 64)}…` : regionId);
