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

/** The headers an RPC call signs, in canonical (sorted) order. */
export interface RpcHeadersV3 {
  host: string;
  /** STS only */
  accessKeyId?: string;
  action: string;
  contentSha256: string;
  credentialsProvider: string;
  date: string;
  /** STS only */
  securityToken?: string;
  nonce: string;
  version: string;
}

/**
 * canonicalRequestV3 for the fixed header set of an RPC call with an empty POST body,
 * built in one pass: the hot path signs every attempt, so no sorting or copying.
 */
export function rpcCanonicalRequestV3(canonicalQuery: string, h: RpcHeadersV3) {
  const sts = h.securityToken !== undefined;
  const signedHeaders = sts
    ? "host;x-acs-accesskey-id;x-acs-action;x-acs-content-sha256;x-acs-credentials-provider;x-acs-date;x-acs-security-token;x-acs-signature-nonce;x-acs-version"
    : "host;x-acs-action;x-acs-content-sha256;x-acs-credentials-provider;x-acs-date;x-acs-signature-nonce;x-acs-version";
  const canonicalRequest = `POST\n/\n${canonicalQuery}\nhost:${h.host}\n${
    sts ? `x-acs-accesskey-id:${h.accessKeyId?.trim()}\n` : ""
  }x-acs-action:${h.action}\nx-acs-content-sha256:${h.contentSha256}\nx-acs-credentials-provider:${
    h.credentialsProvider
  }\nx-acs-date:${h.date}\n${sts ? `x-acs-security-token:${h.securityToken?.trim()}\n` : ""}x-acs-signature-nonce:${
    h.nonce
  }\nx-acs-version:${h.version}\n\n${signedHeaders}\n${h.contentSha256}`;
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
