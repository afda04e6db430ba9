// ClientToken idempotency: the same token with the same parameters gives the first result
// again; with other parameters it is refused with IdempotentParameterMismatch.
import { stableJson } from "../base/stable-json.js";
import { FakeApiError } from "./errors.js";

interface Remembered {
  fingerprint: string;
  body: Record<string, unknown>;
}

/** Results of successful calls that carried a ClientToken. */
export class IdempotencyStore {
  private readonly results = new Map<string, Remembered>();

  /** The remembered result for this token, or undefined for a first call; throws on a mismatch. */
  replay(
    key: string,
    input: Record<string, unknown>,
    tokenParam: string,
  ): Record<string, unknown> | undefined {
    const seen = this.results.get(key);
    if (!seen) return undefined;
    if (seen.fingerprint !== fingerprint(input, tokenParam)) {
      throw new FakeApiError(
        "IdempotentParameterMismatch",
        "The request uses the same client token as a previous, but non-identical request. Do not reuse a client token with different requests, unless the requests are identical.",
      );
    }
    return seen.body;
  }

  /** Keeps a successful result for later replays. */
  remember(
    key: string,
    input: Record<string, unknown>,
    tokenParam: string,
    body: Record<string, unknown>,
  ): void {
    this.results.set(key, { fingerprint: fingerprint(input, tokenParam), body });
  }

  /** Forgets every token. */
  clear(): void {
    this.results.clear();
  }
}

function fingerprint(input: Record<string, unknown>, tokenParam: string): string {
  const { [tokenParam]: _token, ...rest } = input;
  return stableJson(rest);
}
