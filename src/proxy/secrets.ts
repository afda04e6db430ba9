// Keeps the server's credentials out of everything the browser gets. The provider the
// proxy's clients use teaches a redactor every key, secret and token it hands out; the
// upstream fetch masks each attempt's own signature and token in that attempt's answer
// (a v1 SignatureDoesNotMatch echoes the string to sign; an intermediary's error page
// may echo the signed URL) before the client reads it.
import { createRedactor, type Redactor } from "../base/redact.js";
import { CredentialsError, reasonOf } from "../credentials/errors.js";
import { resolveCredentials } from "../credentials/resolve.js";
import type { CredentialsOption, CredentialsProvider } from "../credentials/types.js";
import type { FetchLike } from "../transport/types.js";

/**
 * `option` resolved as clients resolve it (omitted: the default chain), teaching
 * `secrets`. Whatever a custom provider throws becomes a CredentialsError, so the
 * handler tells it from an upstream failure.
 */
export function watchCredentials(
  option: CredentialsOption | undefined,
  secrets: Redactor,
): CredentialsProvider {
  const provider = resolveCredentials(option);
  return async () => {
    let credentials: Awaited<ReturnType<CredentialsProvider>>;
    try {
      credentials = await provider();
    } catch (error) {
      if (error instanceof CredentialsError) throw error;
      throw new CredentialsError("custom", reasonOf(error), { cause: error });
    }
    secrets.learn(credentials.accessKeyId, credentials.accessKeySecret, credentials.securityToken);
    return credentials;
  };
}

/**
 * The upstream fetch (default: as clients pick it), answering with a copy whose body and
 * headers are masked for `secrets` and for the signature and token this attempt sent.
 * Signatures get a redactor per attempt: a shared one would forget older secrets as
 * signatures arrive, and concurrent calls would push each other's out.
 */
export function watchFetch(fetch: FetchLike | undefined, secrets: Redactor): FetchLike {
  let send: FetchLike | Promise<FetchLike> | undefined = fetch;
  return async (url, init) => {
    send ??= defaultFetch();
    const sent = sentSecrets(url, init.headers);
    secrets.learn(...sent.tokens);
    const attempt = createRedactor();
    attempt.learn(...sent.signatures, ...sent.tokens);
    const response = await (await send)(url, init);
    return masked(response, (text) => attempt.redact(secrets.redact(text)));
  };
}

/** Every string in a JSON value (keys included) passed through `redact`. */
export function redactDeep(value: unknown, redact: (text: string) => string): unknown {
  if (typeof value === "string") return redact(value);
  if (Array.isArray(value)) return value.map((item) => redactDeep(item, redact));
  if (typeof value !== "object" || value === null) return value;
  // fromEntries defines own properties: a "__proto__" key stays a key
  return Object.fromEntries(
    Object.entries(value).map(([key, item]) => [redact(key), redactDeep(item, redact)]),
  );
}

// v1 carries them in the query; V3 in the authorization and token headers
function sentSecrets(url: string, headers: RequestInit["headers"]) {
  const query = new URL(url).searchParams;
  const sent = new Headers(headers);
  const v3 = /Signature=([0-9a-fA-F]+)/.exec(sent.get("authorization") ?? "")?.[1];
  return {
    signatures: [query.get("Signature") ?? undefined, v3],
    tokens: [
      query.get("SecurityToken") ?? undefined,
      sent.get("x-acs-security-token") ?? undefined,
    ],
  };
}

// statuses whose answer can have no body: Response refuses one
const NULL_BODY = new Set([101, 204, 205, 304]);
// the copy's body is decoded text of another length
const STALE_HEADERS = new Set(["content-length", "content-encoding", "transfer-encoding"]);

async function masked(response: Response, redact: (text: string) => string): Promise<Response> {
  const text = await response.text();
  const headers = new Headers();
  response.headers.forEach((value, name) => {
    if (!STALE_HEADERS.has(name)) headers.set(name, redact(value));
  });
  let body: string | null = null;
  if (!NULL_BODY.has(response.status)) {
    const parsed = parseJson(text);
    // parsed first: a server may escape "/" as "\/", which would hide a secret from the text
    body = parsed === undefined ? redact(text) : JSON.stringify(redactDeep(parsed, redact));
  }
  return new Response(body, { status: response.status, statusText: response.statusText, headers });
}

export function parseJson(text: string): unknown {
  if (!text) return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** As clients pick it: node:http in Node (keep-alive, less CPU), else the global fetch. */
async function defaultFetch(): Promise<FetchLike> {
  const process = (globalThis as { process?: { getBuiltinModule?: unknown } }).process;
  if (typeof process?.getBuiltinModule === "function") {
    return (await import("../transport/node-http-fetch.js")).nodeHttpFetch;
  }
  return (input, init) => globalThis.fetch(input, init);
}
