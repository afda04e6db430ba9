// ACS3-HMAC-SHA256 with WebCrypto (browsers, Workers, Deno): the platform hashes, so the
// bundle carries no hash code. Asynchronous, as WebCrypto is; node:crypto and
// @noble/hashes sign synchronously in v3-signer.ts.
import { ALGORITHM, type V3Authorizer } from "./v3.js";

const encoder = new TextEncoder();

function hex(buffer: ArrayBuffer): string {
  let out = "";
  for (const byte of new Uint8Array(buffer)) out += byte.toString(16).padStart(2, "0");
  return out;
}

/** A signer bound to one client; the imported HMAC key is kept while the secret stays the same. */
export function createWebV3Signer(subtle: SubtleCrypto): V3Authorizer {
  let keyed: string | undefined;
  let key: Promise<CryptoKey> | undefined;
  return async (accessKeyId, secret, canonicalRequest, signedHeaders) => {
    if (secret !== keyed || !key) {
      keyed = secret;
      const raw = encoder.encode(secret);
      key = subtle.importKey("raw", raw, { name: "HMAC", hash: "SHA-256" }, false, ["sign"]);
    }
    const digest = hex(await subtle.digest("SHA-256", encoder.encode(canonicalRequest)));
    const mac = await subtle.sign("HMAC", await key, encoder.encode(`${ALGORITHM}\n${digest}`));
    return `${ALGORITHM} Credential=${accessKeyId},SignedHeaders=${signedHeaders},Signature=${hex(mac)}`;
  };
}
