import type { Shape } from "../core/shape.js";

/**
 * The part of `fetch` the SDK uses: a URL string and an init, answering a `Response`.
 * The global `fetch` is one.
 *
 * @inline
 */
export type FetchLike = (input: string, init: RequestInit) => Promise<Response>;

export interface TransportConfig {
  userAgent: string;
}

/** One attempt, ready to be fetched. */
export interface OutgoingRequest {
  url: string;
  init: RequestInit;
  /** this attempt's signature, masked like the secrets if an answer echoes it */
  signature?: string;
}

/** How calls leave the machine: signed to Alibaba Cloud, or unsigned to a signing proxy. The core fetches. */
export interface Transport<Prepared = unknown> {
  /** Once per call: turns the validated input into what every attempt sends. */
  prepare(action: string, input: object, shape?: Shape): Prepared;
  /**
   * Once per attempt: the request to fetch (a signed transport signs afresh: new
   * nonce and timestamp). Credential failures reject here, before anything is sent.
   */
  request(prepared: Prepared): OutgoingRequest | Promise<OutgoingRequest>;
  /**
   * Masks the secrets this transport has signed with (secret, token; plain, URL-encoded,
   * base64) and `extra` (an attempt's signature) in text a server or a network error
   * echoes back.
   */
  redact?(text: string, ...extra: (string | undefined)[]): string;
}
