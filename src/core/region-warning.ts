// A region id is accepted when it is well-formed, since new regions open before the SDK
// knows them; one no table knows is logged as a warning with the closest known ids, so a
// typo such as `cn-hangzou` is seen at once. Loaded only by clients that log.
import { KNOWN_REGIONS } from "../../generated/regions.js";
import type { Logger } from "../base/logger.js";

export function warnUnknownRegion(regionId: string, host: string, log: Logger): void {
  if (KNOWN_REGIONS.includes(regionId)) return;
  const closest = [...KNOWN_REGIONS]
    .map((id) => [id, distance(regionId, id)] as const)
    .sort((a, b) => a[1] - b[1] || (a[0] < b[0] ? -1 : 1))
    .slice(0, 3)
    .map(([id]) => id);
  log.warn(
    `regionId "${regionId}" is in no endpoint table or region list of the SDK; calls go to ${host}. Closest known: ${closest.join(", ")}`,
  );
}

/** Levenshtein distance: edits from one id to the other. */
function distance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      current[j] = Math.min(
        (previous[j] ?? 0) + 1,
        (current[j - 1] ?? 0) + 1,
        (previous[j - 1] ?? 0) + cost,
      );
    }
    previous = current;
  }
  return previous[b.length] ?? 0;
}
