// Idempotency across restarts: a ClientToken derived from the request. The same action and
// input give the same token in any process, so a re-run after a crash or a restart gets
// the first call's result instead of a second resource. A helper, not a client option, so
// the call path (and every browser bundle) stays without it.
import { stableJson } from "../base/stable-json.js";

/**
 * `d-` and 32 hex digits: a 128-bit hash (four 32-bit multiply-xor lanes, not a
 * cryptographic one: a token names a request, it guards nothing) of the action and the
 * input. Kept free of the hashing code, so a browser or proxy bundle does not carry it.
 */
export function derivedClientToken(action: string, input: object): string {
  const text = `${action}\n${stableJson(input)}`;
  let h1 = 1779033703;
  let h2 = 3144134277;
  let h3 = 1013904242;
  let h4 = 2773480762;
  for (let i = 0; i < text.length; i++) {
    const k = text.charCodeAt(i);
    h1 = h2 ^ Math.imul(h1 ^ k, 597399067);
    h2 = h3 ^ Math.imul(h2 ^ k, 2869860233);
    h3 = h4 ^ Math.imul(h3 ^ k, 951274213);
    h4 = h1 ^ Math.imul(h4 ^ k, 2716044179);
  }
  h1 = Math.imul(h3 ^ (h1 >>> 18), 597399067);
  h2 = Math.imul(h4 ^ (h2 >>> 22), 2869860233);
  h3 = Math.imul(h1 ^ (h3 >>> 17), 951274213);
  h4 = Math.imul(h2 ^ (h4 >>> 19), 2716044179);
  h1 ^= h2 ^ h3 ^ h4;
  h2 ^= h1;
  h3 ^= h1;
  h4 ^= h1;
  const hex = (n: number) => (n >>> 0).toString(16).padStart(8, "0");
  return `d-${hex(h1)}${hex(h2)}${hex(h3)}${hex(h4)}`;
}

/**
 * The input with a ClientToken derived from it (one already there is kept). The
 * trade-off: two deliberately identical requests become one (vary a name to get two), a
 * changed parameter is a new request, and the service remembers a token for a limited
 * time only.
 *
 * @example
 * ```ts
 * // a nightly job that may run twice: the second run gets the first run's group
 * await eci.createContainerGroup(withDerivedClientToken("CreateContainerGroup", input));
 * ```
 */
export function withDerivedClientToken<T extends object>(
  action: string,
  input: T,
): T & {
  /** the input's own, or the derived one */
  ClientToken: string;
} {
  if ((input as { ClientToken?: unknown }).ClientToken) return input as T & { ClientToken: string };
  return { ...input, ClientToken: derivedClientToken(action, input) };
}
