// RPC signature "v1": HMAC-SHA1 over the sorted, percent-encoded parameters. Loaded only
// by clients configured for it, so V3 bundles carry no SHA-1.
import { sha1 } from "@noble/hashes/legacy.js";
import { encodeQuery, percentEncode } from "./encode.js";
import { type HashEngine, keyedHmac, toBase64 } from "./hash.js";

/** `name=value&...` of sorted parameters, names and values percent-encoded */
export const canonicalQueryV1 = encodeQuery;

export const stringToSignV1 = (method: string, canonicalQuery: string): string =>
  `${method}&%2F&${percentEncode(canonicalQuery)}`;

/** Returns a signer bound to one client; it keeps the keyed HMAC state between calls. */
export function createV1Signer(engine?: HashEngine) {
  const mac = keyedHmac("sha1", sha1, engine);
  /** Base64(HMAC-SHA1(secret + "&", stringToSign)) */
  return (secret: string, stringToSign: string): string =>
    toBase64(mac(`${secret}&`, stringToSign));
}
