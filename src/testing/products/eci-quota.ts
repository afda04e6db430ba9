// The account's ECI quotas, as ListUsage reports them: a create that would go over is
// refused, so a burst learns where the account stops before the real one tells it.
import { FakeApiError } from "../errors.js";
import type { ActionContext } from "./context.js";

/** Groups and vCPUs in use in the call's region, from counts kept as groups come and go. */
export function usage(context: ActionContext): { groups: number; vCpu: number } {
  const eci = context.world.eci;
  return {
    groups: eci.groups.countIn(context.regionId),
    vCpu: eci.vCpu.get(context.regionId) ?? 0,
  };
}

/** Keeps the region's vCPU count: `by` more (a create, a bigger update) or fewer (a delete). */
export function addVCpu(context: ActionContext, by: number): void {
  const map = context.world.eci.vCpu;
  map.set(context.regionId, (map.get(context.regionId) ?? 0) + by);
}

/**
 * Refuses a group that would go over a quota. The code is the POP family's generic
 * `QuotaExceeded` (HTTP 403): ECI's exact code for this is not published in the sources
 * we checked, so match on the prefix.
 */
export function checkQuota(context: ActionContext, cpu: number): void {
  const quotas = context.world.quotas;
  const used = usage(context);
  if (used.groups + 1 > quotas.containerGroups)
    throw new FakeApiError(
      "QuotaExceeded",
      `The container group quota of ${context.regionId} is ${quotas.containerGroups}, all in use.`,
      403,
    );
  if (used.vCpu + cpu > quotas.vCpu)
    throw new FakeApiError(
      "QuotaExceeded",
      `The vCPU quota of ${context.regionId} is ${quotas.vCpu}; ${used.vCpu} in use, ${cpu} more asked.`,
      403,
    );
}
