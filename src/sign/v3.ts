// V3 signature: ACS3-HMAC-SHA256 over a canonical request.
import { percentEncode } from "./encode.js";
import type { Params } from "./flatten.js";
import { keyedHmac, sha256Hex, toHex } from "./hash.js";

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

export interface CanonicalRequestParts {
  method: string;
  path: string;
  canonicalQuery: string;
  /** lower-case names; only host, content-type and x-acs-* are signed */
  headers: Record<string, string>;
  payloadHash: string;
}

const isSigned = (name: string) =>
  name === "host" || name === "content-type" || name.startsWith("x-acs-");

export function canonicalRequestV3(parts: CanonicalRequestParts) {
  const names = Object.keys(parts.headers).filter(isSigned).sort();
  let canonicalHeaders = "";
  for (const name of names) canonicalHeaders += `${name}:${String(parts.headers[name]).trim()}\n`;
  const signedHeaders = names.join(";");
  const canonicalRequest = `${parts.method}\n${parts.path}\n${parts.canonicalQuery}\n${canonicalHeaders}\n${signedHeaders}\n${parts.payloadHash}`;
  return { canonicalRequest, signedHeaders };
}

export const stringToSignV3 = (canonicalRequest: string): string =>
  `${ALGORITHM}\n${sha256Hex(canonicalRequest)}`;

/** Returns a signer bound to one client; it keeps the keyed HMAC state between calls. */
export function createV3Signer() {
  const mac = keyedHmac("sha256");
  /** The Authorization header for a canonical request. */
  return (
    accessKeyId: string,
    secret: string,
    canonicalRequest: string,
    signedHeaders: string,
  ): string => {
    const signature = toHex(mac(secret, stringToSignV3(canonicalRequest)));
    return `${ALGORITHM} Credential=${accessKeyId},SignedHeaders=${signedHeaders},Signature=${signature}`;
  };
}
