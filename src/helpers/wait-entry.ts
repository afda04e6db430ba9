// Waits on a NAT table entry (SNAT or DNAT), which is Pending for a moment after creation.

import { NotFoundError } from "../base/errors.js";
import { defined } from "../base/objects.js";
import type { CallOptions } from "../core/client.js";
import type { WaiterOptions } from "../waiters/types.js";
import { waitUntil } from "../waiters/wait-until.js";

/** Polls `find` until the entry it returns is `Available` (or, with `"gone"`, until there is none). */
export function waitForEntry<Entry extends { Status?: string }>(
  name: string,
  subject: string,
  find: (call: CallOptions) => Promise<Entry | undefined>,
  until: "Available" | "gone",
  options: WaiterOptions,
): Promise<Entry | undefined> {
  return waitUntil<Entry | undefined, Entry | undefined>({
    timeoutMs: 2 * 60_000,
    minDelayMs: 1_000,
    maxDelayMs: 10_000,
    ...defined(options),
    name: `${name}${until === "gone" ? "Deleted" : "Available"}`,
    subject,
    poll: (call) =>
      find(call).catch((error: unknown) => {
        if (error instanceof NotFoundError) return undefined;
        throw error;
      }),
    check: (entry) => {
      if (until === "gone")
        return entry
          ? { state: "pending", status: entry.Status }
          : { state: "success", value: undefined };
      if (!entry) return { state: "failure", status: "gone" };
      return entry.Status === "Available"
        ? { state: "success", value: entry, status: entry.Status }
        : { state: "pending", status: entry.Status, resource: entry };
    },
  });
}
