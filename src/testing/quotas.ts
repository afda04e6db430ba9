// The fake account's ECI quotas per region, as ListUsage reports them (kept apart from the
// check in products/eci-quota.ts, so the world's state can hold them without a cycle).

/** Per-region quotas of the fake account (ListUsage's Max… fields). */
export interface EciQuotas {
  /** live container groups per region (default 1000) */
  containerGroups: number;
  /** vCPUs of those groups per region (default 10000) */
  vCpu: number;
  /** image caches per region (default 50) */
  imageCaches: number;
}

export const DEFAULT_ECI_QUOTAS: EciQuotas = {
  containerGroups: 1000,
  vCpu: 10_000,
  imageCaches: 50,
};
