// The HTTP request of the providers that fetch credentials (STS, a credentials URI): one
// attempt within a time limit, the whole body read, a failure turned into a
// CredentialsError that says what could not be reached.
import type { FetchLike } from "../base/fetch.js";
import { CredentialsError } from "./errors.js";

/** The fetch to use: the given one, else the global fetch (looked up at call time). */
export const fetchOf = (fetch?: FetchLike): FetchLike =>
  fetch ?? ((input, init) => globalThis.fetch(input, init));

/** Status and body of one request; rejects with a CredentialsError of `provider`. */
export async function fetchText(
  fetch: FetchLike,
  url: string,
  init: RequestInit,
  timeoutMs: number,
  provider: string,
  about: { what: string; redact?: (text: string) => string },
): Promise<{ status: number; text: string }> {
  const timer = AbortSignal.timeout(timeoutMs);
  try {
    const response = await fetch(url, { ...init, signal: timer });
    return { status: response.status, text: await response.text() };
  } catch (error) {
    const cause = (error as { cause?: { code?: string; message?: string } })?.cause;
    const why = timer.aborted
      ? `no answer within ${timeoutMs} ms`
      : `connection failed: ${cause?.code ?? cause?.message ?? (error as Error)?.message ?? String(error)}`;
    const message = `cannot reach ${about.what} (${why})`;
    throw new CredentialsError(provider, about.redact ? about.redact(message) : message);
  }
}
