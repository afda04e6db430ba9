// The proxy's public shapes: what it is told, what authorize sees, what the audit gets.
import type { ProductKey } from "../../generated/products.js";
import type { ClientOptions } from "../core/client.js";
import type { CredentialsOption } from "../credentials/types.js";
import type { FetchLike } from "../transport/types.js";
import type { CorsOptions } from "./cors.js";

// Products the proxy can forward to: every product of the generated registry.
export type { ProductKey as ProxyProduct } from "../../generated/products.js";

/** One call as the proxy sees it. */
export interface ProxyCall {
  /** the product called, e.g. `eci` */
  product: ProductKey;
  /** the action, e.g. `DescribeContainerGroups` */
  action: string;
  /**
   * the action's input, exactly as it will be forwarded: credential-like fields already
   * removed, own keys only, on an object without a prototype (use `Object.hasOwn`, not
   * `input.hasOwnProperty`)
   */
  input: Record<string, unknown>;
}

/**
 * What `authorize` returns: `true` or `{ principal }` (naming who is calling, for the
 * audit log) allow; anything else (`false`, `undefined`, `"yes"`, `1`) denies.
 */
export type AuthorizeResult =
  | boolean
  | {
      /** who is calling (a user id, an email), recorded in the audit event */
      principal: string;
    };

/** What `onAudit` receives, once for every request, allowed or not. No secrets, no input values. */
export interface AuditEvent {
  /** the request's HTTP method (`OPTIONS` for a CORS preflight) */
  method: string;
  /** who, when `authorize` named them */
  principal?: string;
  /** the product called, when the request got that far */
  product?: string;
  /** the action called, when the request got that far */
  action?: string;
  /** the region the call was for */
  regionId?: string;
  /**
   * allowed: forwarded upstream (a preflight: answered 204); denied: origin, authorize,
   * allow or region said no; invalid: bad request; failed: the proxy or upstream failed
   */
  outcome: "allowed" | "denied" | "invalid" | "failed";
  /** HTTP status returned to the browser */
  status: number;
  /** error code returned, when any */
  code?: string;
  /**
   * what failed inside the proxy, for the server's logs only: where and the error's name
   * (`credentials: CredentialsError`, `authorize: TypeError`), never its message
   */
  error?: string;
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
  allow: readonly string[] | ((call: { product: ProductKey; action: string }) => boolean);
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
  /** receives who/what/result of every request; should not throw (what it throws is ignored) */
  onAudit?: (event: AuditEvent) => void;
  /** upstream fetch (default: as clients use, node:http in Node, else global fetch) */
  fetch?: FetchLike;
  /** upstream signature (default v3) */
  signatureVersion?: "v3" | "v1";
  /** upstream retry policy (default: none; the browser client retries through the proxy) */
  retry?: ClientOptions["retry"];
  /** upstream per-attempt timeout in ms */
  timeoutMs?: number;
}
