import { cachedCredentials, isCached } from "./cache.js";
import { staticCredentials } from "./static.js";
import type { CredentialsOption, CredentialsProvider } from "./types.js";

export { staticCredentials };

/**
 * Turns the `credentials` option into a provider; omitted means the default chain. A
 * function of the caller's is wrapped in {@link cachedCredentials}: concurrent calls share
 * one invocation, and credentials with an `expiration` are kept until shortly before it.
 */
export function resolveCredentials(option: CredentialsOption | undefined): CredentialsProvider {
  if (option === undefined) return lazyDefaultChain();
  if (typeof option === "function") {
    return isCached(option) ? option : cachedCredentials(option, { keepWithoutExpiration: false });
  }
  return staticCredentials(option);
}

/** The default chain, loaded only by clients that rely on it (a page with STS keys never does). */
function lazyDefaultChain(): CredentialsProvider {
  let chain: Promise<CredentialsProvider> | undefined;
  return async () => {
    chain ??= import("./chain.js").then((m) => m.defaultCredentialsChain());
    return (await chain)();
  };
}
