// Talking to the instance metadata service, shared by the metadata client and the RAM-role
// credentials: the hardened mode's token (PUT /latest/api/token, reused until shortly
// before its TTL), the plain-GET (IMDSv1) fallback when the token call fails, and short
// timeouts so that code running off-cloud fails within seconds. Browser-safe: fetch only.

import { type EnvVars, envFlag, readEnv } from "./env.js";
import { AbortError, ConfigurationError } from "./errors.js";
import type { FetchLike } from "./fetch.js";
import { absentItem, MetadataError } from "./imds-errors.js";

/** Where the metadata service answers inside ECI and ECS. */
export const DEFAULT_METADATA_ENDPOINT = "http://100.100.100.200";
/** Lifetime asked for each token (6 h, the maximum and what the official SDKs ask). */
export const TOKEN_TTL_SECONDS = 21_600;
/** A token is replaced this long before its TTL runs out. */
const TOKEN_RENEW_MS = 5 * 60_000;
const TOKEN_TTL_HEADER = "X-aliyun-ecs-metadata-token-ttl-seconds";
const TOKEN_HEADER = "X-aliyun-ecs-metadata-token";

/** How to reach the metadata service; shared by `createMetadataClient` and `ramRoleCredentials`. */
export interface MetadataOptions {
  /** base URL of the service (default `http://100.100.100.200`) */
  endpoint?: string;
  /** the fetch to use (default: global fetch) */
  fetch?: FetchLike;
  /** limit per request in ms, token request included (default 1000: fails fast off-cloud) */
  timeoutMs?: number;
  /**
   * Refuse the plain-GET (IMDSv1) fallback: when the token request fails, fail too.
   * Default: `ALIBABA_CLOUD_IMDSV1_DISABLED=true` in the environment, else false.
   */
  disableImdsV1?: boolean;
  /** variables to read instead of `process.env` */
  env?: EnvVars;
  /** clock in ms since the epoch, for token reuse (default Date.now) */
  now?: () => number;
}

/** Reads items of `/latest/meta-data/`. */
export interface ImdsRequester {
  /** the base URL, without a trailing slash */
  readonly endpoint: string;
  /** The item's text; throws MetadataError (or AbortError when `signal` fires). */
  get(item: string, signal?: AbortSignal): Promise<string>;
}

interface Answer {
  status: number;
  ok: boolean;
  text: string;
}

/** A requester with its own token cache; reuse it rather than making one per read. */
export function createImdsRequester(options: MetadataOptions = {}): ImdsRequester {
  const endpoint = checkEndpoint(options.endpoint ?? DEFAULT_METADATA_ENDPOINT);
  const fetch: FetchLike = options.fetch ?? ((input, init) => globalThis.fetch(input, init));
  const timeoutMs = options.timeoutMs ?? 1000;
  const now = options.now ?? Date.now;
  let token: { value: string; until: number } | undefined;
  let pendingToken: Promise<string | undefined> | undefined;

  const imdsV1Disabled = () =>
    options.disableImdsV1 ?? envFlag(readEnv(options.env), "ALIBABA_CLOUD_IMDSV1_DISABLED");

  async function send(
    item: string,
    url: string,
    init: RequestInit,
    signal?: AbortSignal,
  ): Promise<Answer> {
    const timer = AbortSignal.timeout(timeoutMs);
    try {
      const response = await fetch(url, {
        ...init,
        signal: signal ? AbortSignal.any([signal, timer]) : timer,
      });
      const text = await response.text(); // the body too must arrive within the limit
      return { status: response.status, ok: response.ok, text };
    } catch (error) {
      if (signal?.aborted) throw new AbortError(signal.reason);
      const why = timer.aborted
        ? `no answer within ${timeoutMs} ms`
        : `connection failed: ${describeCause(error)}`;
      throw new MetadataError(
        `cannot reach the instance metadata service at ${endpoint} (${why}) reading "${item}": it answers only inside an ECI container group or an ECS instance`,
        { kind: "unreachable", item },
      );
    }
  }

  /** The current token, a fresh one, or undefined for the IMDSv1 fallback. */
  function currentToken(): Promise<string | undefined> {
    if (token && now() < token.until) return Promise.resolve(token.value);
    // concurrent reads share one token request; it has its own timeout, not a caller's signal
    pendingToken ??= requestToken().finally(() => {
      pendingToken = undefined;
    });
    return pendingToken;
  }

  async function requestToken(): Promise<string | undefined> {
    let answer: Answer;
    try {
      answer = await send("api/token", `${endpoint}/latest/api/token`, {
        method: "PUT",
        headers: { [TOKEN_TTL_HEADER]: String(TOKEN_TTL_SECONDS) },
      });
    } catch (error) {
      if (imdsV1Disabled()) throw error;
      return undefined;
    }
    const value = answer.text.trim();
    if (answer.ok && value) {
      token = { value, until: now() + TOKEN_TTL_SECONDS * 1000 - TOKEN_RENEW_MS };
      return value;
    }
    if (imdsV1Disabled()) {
      throw new MetadataError(
        `metadata token request failed with HTTP ${answer.status} and the IMDSv1 fallback is disabled (disableImdsV1 or ALIBABA_CLOUD_IMDSV1_DISABLED=true)`,
        { kind: "token", item: "api/token", statusCode: answer.status },
      );
    }
    return undefined;
  }

  async function get(item: string, signal?: AbortSignal): Promise<string> {
    if (signal?.aborted) throw new AbortError(signal.reason);
    const url = `${endpoint}/latest/meta-data/${item}`;
    const read = (value: string | undefined) =>
      send(item, url, { method: "GET", headers: value ? { [TOKEN_HEADER]: value } : {} }, signal);
    const used = await currentToken();
    let answer = await read(used);
    if (answer.status === 401 && used) {
      // the token expired early or the service restarted: one fresh token, one more try
      if (token?.value === used) token = undefined;
      answer = await read(await currentToken());
    }
    if (answer.status === 404) throw absentItem(item);
    if (!answer.ok) {
      throw new MetadataError(`metadata item "${item}" answered HTTP ${answer.status}`, {
        kind: "http",
        item,
        statusCode: answer.status,
      });
    }
    return answer.text;
  }

  return { endpoint, get };
}

function checkEndpoint(endpoint: string): string {
  let url: URL;
  try {
    url = new URL(endpoint);
  } catch {
    throw new ConfigurationError(
      `metadata endpoint must be a URL such as http://100.100.100.200, got ${JSON.stringify(endpoint)}`,
    );
  }
  return `${url.origin}${url.pathname}`.replace(/\/+$/, "");
}

function describeCause(error: unknown): string {
  const cause = (error as { cause?: { code?: string; message?: string } })?.cause;
  return cause?.code ?? cause?.message ?? (error as Error)?.message ?? String(error);
}
