// What the browser gets from an upstream answer or failure. Error answers are rebuilt
// from the fields a PopError reads, never passed on whole: whatever else a server or an
// intermediary put in them stays on the server. Secrets are masked by the caller.
import { CredentialsError, type ValidationError } from "../base/errors.js";
import { type Failure, fail } from "./answer.js";
import { parseJson } from "./secrets.js";
import type { AuditEvent } from "./types.js";

/** The browser's answer, and how the audit records it. */
export interface Outcome {
  status: number;
  body: object;
  outcome: AuditEvent["outcome"];
  /** for the audit only: where and what failed */
  error?: string;
  /** the upstream's request id, when it gave one */
  requestId?: string;
}

// the fields of an error answer the page's client reads; `code`-style spellings too
const ERROR_FIELDS = ["RequestId", "HostId", "Code", "Message", "Recommend"] as const;

/**
 * From openapi-fetch's `{ data, error, response }` with `parseAs: "text"`. `redact` is
 * applied here to text that is cut short (the caller masks the rest): a secret cut in
 * half would no longer be recognised.
 */
export function fromAnswer(
  response: Response,
  data: unknown,
  error: unknown,
  redact: (text: string) => string,
): Outcome {
  if (response.ok) {
    const parsed = typeof data === "string" ? parseJson(data) : undefined;
    if (isObject(parsed)) {
      return { status: response.status, body: parsed, outcome: "allowed", requestId: idOf(parsed) };
    }
    // a 2xx the page's client would read as a success: make it an error
    return { ...nonJson(502, typeof data === "string" ? data : "", redact), outcome: "failed" };
  }
  // an unfollowed redirect is no answer the page could use
  const status = response.status >= 400 ? response.status : 502;
  if (!isObject(error)) {
    return {
      ...nonJson(status, typeof error === "string" ? error : "", redact),
      outcome: "failed",
    };
  }
  const source = error as Record<string, unknown>;
  const body: Record<string, unknown> = {};
  for (const field of ERROR_FIELDS) {
    const value = own(source, field) ?? own(source, field[0]?.toLowerCase() + field.slice(1));
    if (typeof value === "string" || typeof value === "number") body[field] = String(value);
  }
  const detail = own(source, "AccessDeniedDetail") ?? own(source, "accessDeniedDetail");
  if (detail !== undefined) body.AccessDeniedDetail = detail;
  // JSON, but not a POP error: the page's client still needs a code to branch on
  body.Code ??= "UnknownError";
  body.Message ??= `the upstream answered HTTP ${status}`;
  return { status, body, outcome: "failed", requestId: idOf(body) };
}

/** From an error a call threw: a generic answer; the error's name goes to the audit only. */
export function fromThrown(error: unknown): Outcome {
  const name = error instanceof Error ? error.name : typeof error;
  const failed = (failure: Failure, where: string) => ({
    ...failure,
    outcome: "failed" as const,
    error: `${where}: ${name}`,
  });
  if (error instanceof CredentialsError) {
    return failed(
      fail(500, "ProxyCredentialsUnavailable", "the proxy could not get credentials"),
      "credentials",
    );
  }
  switch (name) {
    case "TimeoutError":
      return failed(fail(504, "ProxyTimeout", "the upstream did not answer in time"), "upstream");
    case "ConnectionError":
      return failed(
        fail(502, "ProxyConnectionError", "the proxy could not reach the upstream"),
        "upstream",
      );
    case "InvalidResponseError":
      return failed(
        fail(502, "NonJsonResponse", "the upstream answer was not a JSON object"),
        "upstream",
      );
    case "ValidationError": {
      // the client checked the input again and disagreed: its issues are about the input
      const issues = (error as ValidationError).issues;
      return {
        ...fail(400, "ValidationError", (error as Error).message, { Issues: issues }),
        outcome: "invalid",
      };
    }
    default:
      return failed(fail(500, "ProxyError", GENERIC), "proxy");
  }
}

export const GENERIC = "the proxy failed to handle the request";

/** A JSON error for an answer that was not JSON, quoting a little of its text. */
function nonJson(status: number, text: string, redact: (text: string) => string): Failure {
  const quote = snippet(text, redact);
  return fail(
    status,
    "NonJsonResponse",
    `the upstream answered with a body that is not JSON: ${quote}`,
  );
}

/**
 * A short, readable quote of an HTML or text page, secrets masked before it is cut.
 * Query strings go too (a v1 URL carries the signature and token there), so that a URL
 * the page itself cut short cannot leak the start of one.
 */
function snippet(text: string, redact: (text: string) => string): string {
  const flat = redact(decodeEntities(redact(text)))
    .replace(/<(script|style)\b[\s\S]*?<\/\1\s*>/gi, " ")
    .replace(/<[^>]*>/g, " ")
    .replace(/\?[^\s"'<>]+/g, "?…")
    .replace(/\s+/g, " ")
    .trim();
  return flat.length > 160 ? `${flat.slice(0, 160)}…` : flat || "(empty body)";
}

// entities would hide a secret's "&", "/" or "+" from the redactor
function decodeEntities(text: string): string {
  const named: Record<string, string> = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'" };
  return text.replace(/&(#x[0-9a-f]+|#[0-9]+|[a-z]+);/gi, (entity, name: string) => {
    const lower = name.toLowerCase();
    if (lower.startsWith("#x")) return safeChar(Number.parseInt(lower.slice(2), 16), entity);
    if (lower.startsWith("#")) return safeChar(Number(lower.slice(1)), entity);
    return Object.hasOwn(named, lower) ? (named[lower] as string) : entity;
  });
}

const safeChar = (code: number, fallback: string) =>
  code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : fallback;

const idOf = (body: object) => {
  const id = (body as { RequestId?: unknown }).RequestId;
  return typeof id === "string" ? id : undefined;
};

const isObject = (value: unknown): value is object =>
  typeof value === "object" && value !== null && !Array.isArray(value);

const own = (source: Record<string, unknown>, key: string) =>
  Object.hasOwn(source, key) ? source[key] : undefined;
