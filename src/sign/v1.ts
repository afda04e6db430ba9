// RPC signature "v1": HMAC-SHA1 over the sorted, percent-encoded parameters.
import { percentEncode } from "./encode.js";
import type { Params } from "./flatten.js";
import { keyedHmac, toBase64 } from "./hash.js";

/** `name=value&...` of sorted parameters, names and values percent-encoded */
export function canonicalQueryV1(sorted: Params): string {
  let out = "";
  for (const [name, value] of sorted) {
    out += `${out ? "&" : ""}${percentEncode(name)}=${percentEncode(value)}`;
  }
  return out;
}

export const stringToSignV1 = (method: string, canonicalQuery: string): string =>
  `${method}&%2F&${percentEncode(canonicalQuery)}`;

/** Returns a signer bound to one client; it keeps the keyed HMAC state between calls. */
export function createV1Signer() {
  const mac = keyedHmac("sha1");
  /** Base64(HMAC-SHA1(secret + "&", stringToSign)) */
  return (secret: string, stringToSign: string): string =>
    toBase64(mac(`${secret}&`, stringToSign));
}
