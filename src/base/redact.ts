// The one redaction every outgoing string passes (errors, log lines, audit events, proxy
// answers): it knows the secrets a client or the proxy has used and masks them in every
// encoding a server or an intermediary may echo them back in.

// secrets shorter than this are not masked: a 3-letter "secret" would eat ordinary words
const MIN_SECRET = 6;
// the newest secrets a redactor remembers (rotated STS tokens)
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
  // learning is on every attempt, so it only records; encodings are worked out on redact
  const known = new Set<string>();
  return {
    learn(...secrets) {
      for (const secret of secrets) {
        if (!secret) continue;
        known.delete(secret); // re-learning makes it the newest again
        known.add(secret);
        if (known.size > KEEP) known.delete(known.values().next().value as string);
      }
    },
    redact(text, ...extra) {
      if (!text) return text;
      const forms = [...known, ...extra].flatMap((secret) => (secret ? encodings(secret) : []));
      let out = text;
      // longest first, so a form inside another is not masked half-way
      for (const form of forms.sort((a, b) => b.length - a.length))
        out = out.split(form).join("***");
      return out;
    },
  };
}

/**
 * The secret as it may come back: plain, JSON- or HTML-escaped, percent-encoded once or
 * twice (either case of hex), and in base64 or base64url at any alignment, of the plain
 * or the percent-encoded form.
 */
export function encodings(secret: string): string[] {
  const once = encodeURIComponent(secret).replace(
    /[!'()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
  const twice = encodeURIComponent(once);
  const lower = (text: string) => text.replace(/%[0-9A-F]{2}/g, (hex) => hex.toLowerCase());
  const forms = [secret, once, twice, lower(once), lower(twice), secret.replace(/ /g, "+")];
  forms.push(secret.replaceAll("/", "\\/"), secret.replaceAll("&", "&amp;"));
  forms.push(...base64Cores(secret));
  if (once !== secret) forms.push(...base64Cores(once));
  return [...new Set(forms)].filter((form) => form.length >= MIN_SECRET);
}

// Base64 of a longer text that holds the secret depends on where it starts (mod 3): for
// each offset, the characters that encode the secret's bytes alone, in both alphabets.
function base64Cores(text: string): string[] {
  const forms: string[] = [];
  const bytes = new TextEncoder().encode(text);
  for (let offset = 0; offset < 3; offset++) {
    let binary = "\0".repeat(offset);
    for (const byte of bytes) binary += String.fromCharCode(byte);
    const end = 4 * Math.floor(binary.length / 3); // the last, partial group mixes in what follows
    const core = btoa(binary).slice(offset ? 4 : 0, end); // the first group mixes in what precedes
    if (core.length >= 8) forms.push(core, core.replace(/\+/g, "-").replace(/\//g, "_"));
  }
  return forms;
}
