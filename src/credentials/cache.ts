// Caching for temporary credentials: serve the cached ones until shortly before they
// expire, refresh ahead of time, one refresh at a time, and ride out a failed refresh
// while the old credentials still work.
import type { Credentials, CredentialsProvider } from "./types.js";

/** Refresh, and make callers wait for it, when less than this remains (15 min). */
export const REFRESH_MARGIN_MS = 15 * 60_000;
/** Refresh in the background, still serving the cached credentials, when less than this remains (60 min). */
export const PREFETCH_MARGIN_MS = 60 * 60_000;
/** After a refresh, the next one waits at least this long while the cached credentials still work (1 min). */
export const RETRY_DELAY_MS = 60_000;
/**
 * Cached credentials are never served in their last 10 s, whatever the other options
 * say: a request signed with them could reach the gateway after they expire.
 */
export const EXPIRY_BUFFER_MS = 10_000;

/** Options of {@link cachedCredentials}. */
export interface CacheOptions {
  /** refresh and wait when less than this many ms remain before `expiration` (default 15 min) */
  refreshMarginMs?: number;
  /** refresh in the background when less than this many ms remain (default 60 min) */
  prefetchMarginMs?: number;
  /** least time between two refreshes while the cached credentials are still valid (default 1 min) */
  retryDelayMs?: number;
  /** clock in ms since the epoch (tests, fake clocks); default Date.now */
  now?: () => number;
  /**
   * keep credentials without `expiration` for good (default true); false asks the
   * provider again on every call that does not overlap a pending one
   */
  keepWithoutExpiration?: boolean;
}

const CACHED = Symbol.for("alicloud-eci.cachedCredentials");

/** True for providers made by {@link cachedCredentials} (they need no second cache). */
export const isCached = (provider: CredentialsProvider): boolean =>
  (provider as { [CACHED]?: true })[CACHED] === true;

/**
 * Caches what `provider` returns, for temporary credentials (those with `expiration`);
 * credentials without `expiration` are kept for good.
 *
 * - More than 60 min left: the cached credentials, no request.
 * - 15 to 60 min left: the cached credentials at once, and a refresh in the background.
 * - Less than 15 min left: callers wait for the refresh.
 * - Concurrent callers share one refresh (single flight).
 * - A failed refresh while the cached credentials are still valid is not an error: they
 *   keep being used, and the refresh is tried again after 1 min. Only the very first fetch,
 *   or a refresh after expiry, throws.
 * - Whatever the margins, credentials in their last 10 s are never served: callers wait
 *   for fresh ones (short-lived keys included).
 *
 * With the 6-hour credentials of an instance RAM role this means one request about every
 * 5 hours. The margins are options.
 */
export function cachedCredentials(
  provider: CredentialsProvider,
  options: CacheOptions = {},
): CredentialsProvider {
  const now = options.now ?? Date.now;
  const refreshMargin = options.refreshMarginMs ?? REFRESH_MARGIN_MS;
  const prefetchMargin = Math.max(options.prefetchMarginMs ?? PREFETCH_MARGIN_MS, refreshMargin);
  const retryDelay = options.retryDelayMs ?? RETRY_DELAY_MS;
  const keep = options.keepWithoutExpiration ?? true;
  let cached: Credentials | undefined;
  let pending: Promise<Credentials> | undefined;
  let notBefore = 0;

  function refresh(): Promise<Credentials> {
    pending ??= Promise.resolve()
      .then(provider)
      .then((fresh) => {
        cached = fresh;
        return fresh;
      })
      .finally(() => {
        notBefore = now() + retryDelay;
        pending = undefined;
      });
    return pending;
  }

  const cachedProvider = async () => {
    const held = cached;
    if (!held || (!held.expiration && !keep)) return refresh();
    if (!held.expiration) return held;
    const expires = held.expiration.getTime();
    const left = expires - now();
    if (left > prefetchMargin) return held;
    // just refreshed (or failed to): no new request until the retry delay has passed,
    // unless the cached ones are about to expire
    if (left > EXPIRY_BUFFER_MS && !pending && now() < notBefore) return held;
    if (left > refreshMargin) {
      refresh().catch(() => {}); // background: a failure is retried on a later call
      return held;
    }
    try {
      return await refresh();
    } catch (error) {
      if (expires - now() > EXPIRY_BUFFER_MS) return held;
      throw error;
    }
  };
  // what cachedProvider would answer at once, without a refresh of any kind
  const peek = () => {
    if (!cached || pending) return undefined;
    if (!cached.expiration) return keep ? cached : undefined;
    const left = cached.expiration.getTime() - now();
    return left > Math.max(prefetchMargin, EXPIRY_BUFFER_MS) ? cached : undefined;
  };
  return Object.assign(cachedProvider, { [CACHED]: true as const, peek });
}
