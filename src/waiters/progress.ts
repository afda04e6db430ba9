// Progress reports that say something new: a call for each change of status, detail
// (an image cache's `45%`) or error, not for every poll that saw the same thing again.
import type { WaiterProgress } from "./types.js";

/** `report`, called only when the status, detail or error differs from its last call. */
export function changesOnly(
  report: (progress: WaiterProgress) => void,
): (progress: WaiterProgress) => void {
  let last: string | undefined;
  return (progress) => {
    const seen = JSON.stringify([progress.status, progress.detail, progress.error?.message]);
    if (seen === last) return;
    last = seen;
    report(progress);
  };
}
