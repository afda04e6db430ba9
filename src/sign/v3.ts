// V3 signature: the canonical request that ACS3-HMAC-SHA256 signs. The signing itself is in
// v3-signer.ts (node:crypto or @noble/hashes) and web-crypto.ts (browsers), so a browser
// bundle that signs with WebCrypto carries no hash code.

import { percentEncode } from "./encode.js";
import type { Params } from "./flatten.js";

export const ALGORITHM = "ACS3-HMAC-SHA256";

/** hex(SHA-256) of an empty payload, the hash every RPC call with no body sends */
export const EMPTY_SHA256 = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";

/** Builds the Authorization header of a canonical request: synchronously, or with WebCrypto. */
export type V3Authorizer = (
  accessKeyId: string,
  secret: string,
  canonicalRequest: string,
  signedHeaders: string,
) => string | Promise<string>;

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
