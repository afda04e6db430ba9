// The reference facts vendored from the research notes (../shared/reference).
import { readFileSync } from "node:fs";

const load = (name: string) =>
  JSON.parse(readFileSync(new URL(`./reference/${name}`, import.meta.url), "utf8"));

// biome-ignore lint/suspicious/noExplicitAny: vector files are untyped JSON
export const vectors: Record<string, any> = load("signing-vectors.json");
// biome-ignore lint/suspicious/noExplicitAny: reference files are untyped JSON
export const apiReference: Record<string, any> = load("api-reference.json");
