import type { Logger } from "../base/logger.js";
import { staticCredentials } from "./static.js";
import type { CredentialsOption, CredentialsProvider } from "./types.js";

export { staticCredentials };

/**
 * Turns the `credentials` option into a provider; omitted means the default chain. A
 * function of the caller's is wrapped in {@link cachedCredentials}: concurrent calls share
 * one invocation, and credentials with an `expiration` are kept until shortly before it.
 */
export function resolveCredentials(
  option: CredentialsOption | undefined,
  logger?: Logger,
): CredentialsProvider {
  if (option === undefined) return lazyDefaultChain(logger);
  if (typeof option === "function") return lazyCache(option);
  return staticCredentials(option);
}

/** The cache, loaded only by clients given a function (a page with fixed STS keys never is). */
function lazyCache(provider: CredentialsProvider): CredentialsProvider {
  let loading: Promise<CredentialsProvider> | undefined;
  let loaded: CredentialsProvider | undefined;
  const get = async () => {
    loading ??= import("./cache.js").then(({ cachedCredentials, isCached }) => {
      loaded = isCached(provider)
        ? provider
        : cachedCredentials(provider, { keepWithoutExpiration: false });
      return loaded;
    });
    return (await loading)();
  };
  return Object.assign(get, { peek: () => loaded?.peek?.() });
}

/** The default chain, loaded only by clients that rely on it (a page with STS keys never does). */
function lazyDefaultChain(logger: Logger | undefined): CredentialsProvider {
  let chain: Promise<CredentialsProvider> | undefined;
  return async () => {
    chain ??= import("./chain.js").then((m) => m.defaultCredentialsChain(logger ? { logger } : {}));
    return (await chain)();
  };
}
