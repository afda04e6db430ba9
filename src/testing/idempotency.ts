// ClientToken idempotency: the same token with the same parameters gives the first result
// again; with other parameters it is refused with IdempotentParameterMismatch.
import { FakeApiError } from "./errors.js";

/** Canonical JSON (sorted keys), so equal inputs compare equal whatever their key order. */
export function stableJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(stableJson).join(",")}]`;
  if (value && typeof value === "object") {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${stableJson(v)}`).join(",")}}`;
  }
  return JSON.stringify(value) ?? "null";
}

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
