// Looks for a secret in text in every encoding it could leak in.
import { inspect } from "node:util";
import { encodings } from "../../src/base/redact.js";

/** Every form of `secret` found in `text` (empty when none). */
export function leaks(text: string, ...secrets: string[]): string[] {
  return secrets.flatMap((secret) => encodings(secret).filter((form) => text.includes(form)));
}

/** All the text an error shows: message, String, JSON, inspect, its cause's message. */
export function surfaces(error: unknown): string {
  const e = error as Error & { cause?: unknown };
  return [
    String(e),
    e?.message,
    JSON.stringify(e),
    inspect(e, { depth: 5 }),
    (e?.cause as Error | undefined)?.message,
    JSON.stringify(e?.cause ?? null),
  ].join("\n");
}
