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
  /** Masks secrets a server may echo back in an error message. */
  redact?(text: string): string;
}
