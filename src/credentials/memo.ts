// The providers a profile leads to (a role session, the RAM role), kept while the profile
// stays the same: the files are read at every call, but an unchanged RamRoleArn profile
// must not call STS every time. Keyed by a hash of the profile, never by its text.
import { sha256Hex } from "../sign/hash.js";
import type { CredentialsProvider } from "./types.js";

/** Returns the provider made for `parts` before, else makes (and keeps) a new one. */
export type ProviderMemo = (parts: unknown, make: () => CredentialsProvider) => CredentialsProvider;

/** A memo of the `size` providers used last (a few profiles at most in practice). */
export function providerMemo(size = 8): ProviderMemo {
  const kept = new Map<string, CredentialsProvider>();
  return (parts, make) => {
    const key = sha256Hex(JSON.stringify(parts));
    const provider = kept.get(key) ?? make();
    kept.delete(key); // re-inserted last: the most recently used
    kept.set(key, provider);
    if (kept.size > size) kept.delete(kept.keys().next().value as string);
    return provider;
  };
}
