import type { FetchLike } from "../base/fetch.js";
import type { Shape } from "../base/shape.js";
import type { Params } from "../sign/flatten.js";

export type { FetchLike };

/** One attempt, ready to be sent. */
export interface OutgoingRequest {
  url: string;
  method: "POST";
  headers: Record<string, string>;
  body?: string;
  /** this attempt's signature, masked like the secrets if an answer echoes it */
  signature?: string;
}

/** An answer as the call path reads it: status, headers by lower-case name, the whole body. */
export interface Answer {
  status: number;
  header(name: string): string | undefined;
  /** every header, for hooks that see the answer as a Response */
  headers(): [name: string, value: string][];
  text: string;
}

/**
 * Sends one request and reads the whole answer. It rejects with the network error (its
 * `code`, e.g. ECONNREFUSED, on the error or its `cause`), with an error marked `timedOut: true` after
 * `timeoutMs`, or with the signal's reason.
 */
export type Sender = (
  request: OutgoingRequest,
  timeoutMs: number,
  signal: AbortSignal | undefined,
) => Promise<Answer>;

export interface TransportConfig {
  userAgent: string;
}

/** How calls leave the machine: signed to Alibaba Cloud, or unsigned to a signing proxy. */
export interface Transport<Prepared = unknown> {
  /**
   * Once per call: turns the validated input into what every attempt sends. `extra` adds
   * wire parameters to the flattened ones (`rawParameters`); a transport that sends no
   * wire parameters (the signing proxy) refuses it.
   */
  prepare(
    action: string,
    input: object,
    shape?: Shape,
    extra?: (params: Params) => Params,
  ): Prepared;
  /**
   * Once per attempt: the request to send (a signed transport signs afresh: new nonce
   * and timestamp). Credential failures reject here, before anything is sent.
   */
  request(prepared: Prepared): OutgoingRequest | Promise<OutgoingRequest>;
  /**
   * Masks the secrets this transport has signed with (secret, token; plain, URL-encoded,
   * base64) and `extra` (an attempt's signature) in text that comes back.
   */
  redact?(text: string, ...extra: (string | undefined)[]): string;
  /** Corrects the signing clock from a server's `Date` header; false when it cannot. */
  adjustClock?(date: string | undefined): boolean;
}
