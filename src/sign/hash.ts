// SHA-256 and HMAC for signing: Node's crypto where it exists (about twice as fast and
// already loaded), @noble/hashes everywhere else (browsers, Workers, Deno, Bun without it).
import type * as NodeCrypto from "node:crypto";
import { hmac } from "@noble/hashes/hmac.js";
import { sha256 } from "@noble/hashes/sha2.js";
import { bytesToHex, type CHash, utf8ToBytes } from "@noble/hashes/utils.js";

// looked up, never imported, so the browser bundle has no Node built-in
const native = (
  globalThis as { process?: { getBuiltinModule?: (id: string) => unknown } }
).process?.getBuiltinModule?.("node:crypto") as typeof NodeCrypto | undefined;

/** Which implementation computes hashes: `native` (node:crypto) or `noble` (@noble/hashes). */
export type HashEngine = "native" | "noble";

/** `native` in Node, `noble` elsewhere. */
export const defaultEngine: HashEngine = native ? "native" : "noble";

export { EMPTY_SHA256 } from "./v3.js";

/** hex(SHA-256) of the UTF-8 bytes of `text` */
export function sha256Hex(text: string, engine: HashEngine = defaultEngine): string {
  if (engine === "native" && native) return native.createHash("sha256").update(text).digest("hex");
  return bytesToHex(sha256(utf8ToBytes(text)));
}

type Mac = ReturnType<typeof hmac.create>;

/**
 * An HMAC keyed by a secret. With @noble/hashes the keyed state is derived once and cloned
 * for every message (a client signs many requests with one secret); node:crypto keys fast.
 * `algorithm` names the hash for node:crypto, `hash` is the @noble/hashes one.
 */
export function keyedHmac(
  algorithm: "sha256" | "sha1",
  hash: CHash,
  engine: HashEngine = defaultEngine,
) {
  if (engine === "native" && native) {
    const crypto = native;
    return (secret: string, message: string): Uint8Array =>
      crypto.createHmac(algorithm, secret).update(message).digest();
  }
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
