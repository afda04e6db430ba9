// regions.ts: every region id some spec knows (its `x-pop-endpoint` regions and map), for
// the warning about a region id no table knows. Loaded only by clients that log.
import type { SpecDoc } from "../lib/spec.js";
import { header } from "./names.js";

export function regionsFile(specs: SpecDoc[]): string {
  const known = new Set<string>();
  for (const { doc } of specs) {
    const endpoint = doc["x-pop-endpoint"] ?? {};
    for (const id of endpoint.regions ?? []) known.add(String(id));
    for (const id of Object.keys(endpoint.map ?? {})) known.add(id);
  }
  const list = [...known].sort();
  return `${header("spec/*.yaml")}/** Region ids the endpoint tables and the API's region lists know, sorted. */\nexport const KNOWN_REGIONS: readonly string[] = ${JSON.stringify(list)};\n`;
}
