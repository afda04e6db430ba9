// The one redaction every outgoing string passes (errors, log lines, audit events, proxy
// answers): it knows the secrets a client or the proxy has used and masks them in every
// encoding a server or an intermediary may echo them back in.

const MASK = "***";
// secrets shorter than this are not masked: a 3-letter "secret" would eat ordinary words
const MIN_SECRET = 6;
// the newest secrets a redactor remembers (rotated STS tokens, per-attempt signatures)
const KEEP = 32;

/** Masks known secrets in text. */
export interface Redactor {
  /** Remembers secrets to mask from now on (empty and very short values are ignored). */
  learn(...secrets: (string | undefined)[]): void;
  /** `text` with every known secret and every `extra` one, in every encoding, replaced by `***`. */
  redact(text: string, ...extra: (string | undefined)[]): string;
}

/** A redactor that remembers the last few secrets it was told. */
export function createRedactor(): Redactor {
  const known = new Map<string, readonly string[]>(); // secret → its encodings, longest first
  let forms: string[] = [];
  return {
    learn(...secrets) {
      let changed = false;
      for (const secret of secrets) {
        if (!secret || secret.length < MIN_SECRET || known.has(secret)) continue;
        known.set(secret, encodings(secret));
        if (known.size > KEEP) known.delete(known.keys().next().value as string);
        changed = true;
      }
      if (changed)
        forms = [...new Set([...known.values()].flat())].sort((a, b) => b.length - a.length);
    },
    redact(text, ...extra) {
      if (!text) return text;
      let out = text;
      for (const secret of extra) if (secret) out = mask(out, encodings(secret));
      return mask(out, forms);
    },
  };
}

function mask(text: string, forms: readonly string[]): string {
  let out = text;
  for (const form of forms) if (out.includes(form)) out = out.split(form).join(MASK);
  return out;
}

/** The secret as it may come back: plain, percent-encoded once or twice, in base64 or base64url at any alignment. */
export function encodings(secret: string): string[] {
  const once = encodeURIComponent(secret).replace(/[!'()*]/g, hexOf);
  const forms = [secret, once, encodeURIComponent(once), secret.replace(/ /g, "+")];
  for (const b64 of base64Cores(secret))
    forms.push(b64, b64.replace(/\+/g, "-").replace(/\//g, "_"));
  return forms.filter((form) => form.length >= MIN_SECRET);
}

const hexOf = (c: string) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`;

// Base64 of a longer text that contains the secret depends on where the secret starts
// (mod 3): for each offset, the characters that encode the secret's bytes alone.
function base64Cores(secret: string): string[] {
  const bytes = new TextEncoder().encode(secret);
  const cores: string[] = [];
  for (let offset = 0; offset < 3; offset++) {
    const padded = new Uint8Array(offset + bytes.length);
    padded.set(bytes, offset);
    const full = toBase64(padded);
    const start = offset === 0 ? 0 : 4; // the first group mixes in the bytes before the secret
    const end = 4 * Math.floor(padded.length / 3); // the last, partial group mixes in what follows
    if (end - start >= 8) cores.push(full.slice(start, end));
  }
  return cores;
}

function toBase64(bytes: Uint8Array): string {
  let binary = "";
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary);
}
