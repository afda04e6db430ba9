// ACS3-HMAC-SHA256 with node:crypto where it exists, @noble/hashes elsewhere: synchronous.
// Browsers with WebCrypto sign with web-crypto.ts instead and never load this file.
import { sha256 } from "@noble/hashes/sha2.js";
import { type HashEngine, keyedHmac, sha256Hex, toHex } from "./hash.js";
import { ALGORITHM } from "./v3.js";

export const stringToSignV3 = (canonicalRequest: string, engine?: HashEngine): string =>
  `${ALGORITHM}\n${sha256Hex(canonicalRequest, engine)}`;

/** Returns a signer bound to one client; it keeps the keyed HMAC state between calls. */
export function createV3Signer(engine?: HashEngine) {
  const mac = keyedHmac("sha256", sha256, engine);
  /** The Authorization header for a canonical request. */
  return (
    accessKeyId: string,
    secret: string,
    canonicalRequest: string,
    signedHeaders: string,
  ): string => {
    const signature = toHex(mac(secret, stringToSignV3(canonicalRequest, engine)));
    return `${ALGORITHM} Credential=${accessKeyId},SignedHeaders=${signedHeaders},Signature=${signature}`;
  };
}
