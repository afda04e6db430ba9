// Where the STS providers send AssumeRole and AssumeRoleWithOIDC, chosen as the official
// providers choose it: the given endpoint, else `sts-vpc.<region>` with
// ALIBABA_CLOUD_VPC_ENDPOINT_ENABLED=true, `sts.<region>` with ALIBABA_CLOUD_STS_REGION,
// else the central sts.aliyuncs.com.
import { type EnvVars, envFlag, readEnv } from "../base/env.js";
import type { FetchLike } from "../base/fetch.js";
import { CredentialsError } from "./errors.js";

/** How the STS providers reach STS. */
export interface StsOptions {
  /**
   * STS host or URL (`sts.cn-hangzhou.aliyuncs.com`, `http://127.0.0.1:8080` for a fake).
   * Default from `stsRegionId` and `enableVpc`, else `sts.aliyuncs.com`.
   */
  stsEndpoint?: string;
  /** region of a regional STS host (default `ALIBABA_CLOUD_STS_REGION`) */
  stsRegionId?: string;
  /** use `sts-vpc.<region>.aliyuncs.com`, reachable from inside a VPC (default `ALIBABA_CLOUD_VPC_ENDPOINT_ENABLED=true`) */
  enableVpc?: boolean;
  /** the fetch to send with (default: the global fetch) */
  fetch?: FetchLike;
  /** limit per request in ms (default 10 000, as the official providers' read timeout) */
  timeoutMs?: number;
  /** variables to read instead of `process.env` (at every refresh) */
  env?: EnvVars;
}

/** The STS origin to send to, e.g. `https://sts.aliyuncs.com`. */
export function stsOrigin(options: StsOptions, provider: string): string {
  const env = readEnv(options.env);
  if (options.stsEndpoint) {
    const given = options.stsEndpoint.includes("://")
      ? options.stsEndpoint
      : `https://${options.stsEndpoint}`;
    try {
      return new URL(given).origin;
    } catch {
      throw new CredentialsError(provider, "stsEndpoint is not a host name or URL");
    }
  }
  const region = options.stsRegionId || env.ALIBABA_CLOUD_STS_REGION;
  if (!region) return "https://sts.aliyuncs.com";
  if (!/^[a-z0-9-]{2,64}$/.test(region)) {
    throw new CredentialsError(provider, "ALIBABA_CLOUD_STS_REGION is not a region id");
  }
  const vpc = options.enableVpc ?? envFlag(env, "ALIBABA_CLOUD_VPC_ENDPOINT_ENABLED");
  return `https://${vpc ? "sts-vpc" : "sts"}.${region}.aliyuncs.com`;
}
