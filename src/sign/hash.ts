import { hmac } from "@noble/hashes/hmac.js";
import { sha1 } from "@noble/hashes/legacy.js";
import { sha256 } from "@noble/hashes/sha2.js";
import { bytesToHex, utf8ToBytes } from "@noble/hashes/utils.js";

/** hex(SHA-256) of the UTF-8 bytes of `text` */
export const sha256Hex = (text: string): string => bytesToHex(sha256(utf8ToBytes(text)));

/** hex(SHA-256) of an empty payload, the hash every RPC call with no body sends */
export const EMPTY_SHA256 = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";

type Mac = ReturnType<typeof hmac.create>;

/**
 * An HMAC whose keyed state is derived once and cloned for every message: a client
 * signs many requests with the same secret, so the key pads are not recomputed.
 */
export function keyedHmac(algorithm: "sha256" | "sha1") {
  const hash = algorithm === "sha256" ? sha256 : sha1;
  let key: string | undefined;
  let template: Mac | undefined;
  return (secret: string, message: string): Uint8Array => {
    if (secret !== key || !template) {
      template = hmac.create(hash, utf8ToBytes(secret));
      key = secret;
    }
    return template.clone().update(utf8ToBytes(message)).digest();
  };
}

export const toHex = bytesToHex;

export function toBase64(bytes: Uint8Array): string {
  let binary = "";
  for (let i = 0; i < bytes.length; i++) binary += String.fromCharCode(bytes[i] as number);
  return btoa(binary);
}
