import type { LaunchClient, LaunchOptions, LaunchResult, LaunchSpec } from "./launch-types.js";

/**
 * Creates every spec and, with `waitFor`, waits for each group to get there; resolves one
 * {@link LaunchResult} per spec, in input order (a failed spec never rejects the batch).
 *
 * - Concurrency adapts: from `initialConcurrency` (4) it grows while creates succeed and
 *   halves on throttling, never above `maxConcurrency` (32). A throttled or 5xx create is
 *   sent again after a pause, up to `maxResends` times.
 * - None twice: each spec's ClientToken derives from `batchId` (or a hash of all specs),
 *   its index and its content. Running the same batch again after a crash creates nothing
 *   new and returns the same groups (while the service remembers the tokens).
 * - A spec offering several vSwitches (`"vsw-a,vsw-b"`) goes through
 *   `createContainerGroupWithPlacement`, so a stock-out tries the next one.
 * - The wait asks DescribeContainerGroupStatus about 20 groups per call.
 *
 * @example
 * ```ts
 * const results = await launchContainerGroups(eci, specs, { batchId: "nightly-2025-01-01", waitFor: "Running" });
 * const failed = results.filter((r) => r.error);
 * ```
 */
export async function launchContainerGroups(
  eci: LaunchClient,
  specs: readonly LaunchSpec[],
  options: LaunchOptions = {},
): Promise<LaunchResult[]> {
  return (await import("./launch-run.js")).launchContainerGroups(eci, specs, options);
}
