import type { Shape } from "../core/shape.js";

export type FetchLike = (input: string, init: RequestInit) => Promise<Response>;

export interface TransportConfig {
  fetch: FetchLike;
  userAgent: string;
}

/** How calls leave the machine: signed to Alibaba Cloud, or unsigned to a signing proxy. */
export interface Transport<Prepared = unknown> {
  /** Once per call: turns the validated input into what every attempt sends. */
  prepare(action: string, input: object, shape?: Shape): Prepared;
  /** Once per attempt (a signed transport signs afresh: new nonce and timestamp). */
  send(prepared: Prepared, signal?: AbortSignal): Promise<Response>;
  /** Masks secrets a server may echo back in an error message. */
  redact?(text: string): string;
}
