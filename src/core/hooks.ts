// Request, response and error hooks in openapi-fetch's middleware shape, on every path
// (signed, proxy). Hooks see a copy of each attempt with the credentials masked: the
// signature, the security token and the AccessKeyId never reach user code. `onRequest`
// may add, change or remove headers that are not signed; the signed URL and body stay.
import { ConfigurationError } from "../base/errors.js";
import type { Answer, OutgoingRequest } from "../transport/types.js";
import type { AttemptFacts, Outcome } from "./outcome.js";

/** What every hook is told about the attempt. */
export interface HookContext {
  /** one id per call, the same on every attempt (correlates a call's attempts) */
  readonly id: string;
  /** lower-case product key: `eci`, `vpc`, … */
  readonly product: string;
  /** the action, e.g. `CreateContainerGroup` */
  readonly action: string;
  /** 1 for the first attempt */
  readonly attempt: number;
  /** the attempt as sent, credentials masked */
  readonly request: Request;
}

/** Hooks run on each attempt; any may be async. */
export interface Middleware {
  /** before sending: return a Request to change headers (not the URL or body), or nothing */
  onRequest?(
    context: HookContext,
    // biome-ignore lint/suspicious/noConfusingVoidType: a hook with no return statement is typed void, as in openapi-fetch
  ): Request | undefined | void | Promise<Request | undefined | void>;
  /**
   * an answer arrived (any status). `willRetry`: another attempt follows; `requestId`:
   * the API's request id, when it sent one
   */
  onResponse?(
    context: HookContext & { response: Response; willRetry: boolean; requestId?: string },
  ): void | Promise<void>;
  /** the attempt failed without an answer (connection, timeout) */
  onError?(context: HookContext & { error: Error; willRetry: boolean }): void | Promise<void>;
}

/** Headers hooks never see or set: they carry or bind the credentials. */
const SECRET_HEADERS = new Set(["authorization", "x-acs-security-token", "x-acs-accesskey-id"]);
const SECRET_PARAMS = ["Signature", "SecurityToken", "AccessKeyId"];
const MASK = "***";

/** The attempt as hooks see it. */
export function hookRequest(sent: OutgoingRequest): Request {
  const url = new URL(sent.url);
  for (const name of SECRET_PARAMS)
    if (url.searchParams.has(name)) url.searchParams.set(name, MASK);
  const headers = new Headers();
  for (const [name, value] of Object.entries(sent.headers))
    headers.set(name, SECRET_HEADERS.has(name.toLowerCase()) ? MASK : value);
  return new Request(url, { method: sent.method, headers, body: sent.body ?? null });
}

/** Runs `onRequest` hooks in order; returns the request to send with their header changes. */
export async function runRequestHooks(
  hooks: readonly Middleware[],
  sent: OutgoingRequest,
  context: Omit<HookContext, "request">,
): Promise<{ outgoing: OutgoingRequest; request: Request }> {
  let request = hookRequest(sent);
  for (const hook of hooks) {
    const next = await hook.onRequest?.({ ...context, request });
    if (next instanceof Request) {
      if (next.url !== request.url || next.method !== request.method) {
        throw new ConfigurationError(
          `${context.action}: an onRequest hook changed the URL or method of a signed request`,
        );
      }
      request = next;
    }
  }
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(sent.headers))
    if (SECRET_HEADERS.has(name.toLowerCase())) headers[name] = value;
  request.headers.forEach((value, name) => {
    if (!SECRET_HEADERS.has(name)) headers[name] = value;
  });
  return { outgoing: { ...sent, headers }, request };
}

/** The answer as a Response for `onResponse`, already masked like the errors are. */
export function hookResponse(answer: Answer, redact: (text: string) => string): Response {
  const headers = new Headers();
  for (const [name, value] of answer.headers()) headers.append(name, redact(value));
  // Response refuses statuses outside 200–599; such an answer is shown as 502, its text kept
  const status = answer.status >= 200 && answer.status <= 599 ? answer.status : 502;
  const body = status === 204 || status === 205 || status === 304 ? null : redact(answer.text);
  return new Response(body, { status, headers });
}

/** What the hooks of one attempt saw: the request as they were shown it, the answer. */
export interface Seen {
  hooks: readonly Middleware[];
  id: string;
  request?: Request;
  answer?: Answer;
}

export const hookContext = (seen: Seen, facts: AttemptFacts) => ({
  id: seen.id,
  product: facts.product,
  action: facts.action,
  attempt: facts.attempt,
});

/** Tells `onResponse` (an answer came) or `onError` (none did) how the attempt ended. */
export async function observe(
  seen: Seen,
  facts: AttemptFacts,
  outcome: Outcome,
  willRetry: boolean,
) {
  const { request, answer } = seen;
  if (!request) return; // the attempt ended before it was sent (no credentials in time)
  const context = { ...hookContext(seen, facts), request, willRetry };
  for (const hook of seen.hooks) {
    if (answer) {
      const response = hookResponse(answer, facts.redact);
      const requestId = outcome.requestId;
      await hook.onResponse?.({ ...context, response, ...(requestId ? { requestId } : {}) });
    } else if (!outcome.ok) {
      await hook.onError?.({ ...context, error: outcome.error });
    }
  }
}
