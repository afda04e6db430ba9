import { ConfigurationError } from "../core/errors.js";
import type { CredentialsProvider } from "./types.js";

/** Placeholder until the full chain lands: environment variables only. */
export function defaultCredentialsChain(): CredentialsProvider {
  return async () => {
    const env = (globalThis as { process?: { env?: Record<string, string | undefined> } }).process?.env ?? {};
    const accessKeyId = env.ALIBABA_CLOUD_ACCESS_KEY_ID;
    const accessKeySecret = env.ALIBABA_CLOUD_ACCESS_KEY_SECRET;
    if (!accessKeyId || !accessKeySecret) throw new ConfigurationError("no credentials found");
    return { accessKeyId, accessKeySecret, securityToken: env.ALIBABA_CLOUD_SECURITY_TOKEN, providerName: "default/env" };
  };
}
