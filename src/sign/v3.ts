// V3 signature: ACS3-HMAC-SHA256 over a canonical request.

import { sha256 } from "@noble/hashes/sha2.js";
import { percentEncode } from "./encode.js";
import type { Params } from "./flatten.js";
import { type HashEngine, keyedHmac, sha256Hex, toHex } from "./hash.js";

export const ALGORITHM = "ACS3-HMAC-SHA256";

/**
 * Sorted `name=value` pairs. Only values are encoded: the official signer
 * (openapi-util 0.3.3) leaves names raw and the gateway accepts that.
 */
export function canonicalQueryV3(sorted: Params): string {
  let out = "";
  for (const [name, value] of sorted) out += `${out ? "&" : ""}${name}=${percentEncode(value)}`;
  return out;
}

/** Signed headers: lower-case names, sorted; only host, content-type and x-acs-* are signed. */
export type SignedHeaders = readonly (readonly [name: string, value: string])[];

const isSigned = (name: string) =>
  name === "host" || name === "content-type" || name.startsWith("x-acs-");

/** The headers of `headers` that V3 signs, sorted: what {@link canonicalRequestV3} takes. */
export function signedHeadersOf(headers: Record<string, string>): SignedHeaders {
  return Object.keys(headers)
    .map((name) => [name.toLowerCase(), String(headers[name])] as const)
    .filter(([name]) => isSigned(name))
    .sort((a, b) => (a[0] < b[0] ? -1 : 1));
}

/**
 * The canonical request and the signed-header list. The one builder: the SDK passes its
 * fixed header set already in order, the fake cloud and the tests what a request lists.
 */
export function canonicalRequestV3(
  method: string,
  path: string,
  canonicalQuery: string,
  headers: SignedHeaders,
  payloadHash: string,
) {
  let canonicalHeaders = "";
  let signedHeaders = "";
  for (const [name, value] of headers) {
    canonicalHeaders += `${name}:${value.trim()}\n`;
    signedHeaders += signedHeaders ? `;${name}` : name;
  }
  const canonicalRequest = `${method}\n${path}\n${canonicalQuery}\n${canonicalHeaders}\n${signedHeaders}\n${payloadHash}`;
  return { canonicalRequest, signedHeaders };
}

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
