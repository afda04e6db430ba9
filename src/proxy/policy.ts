// Who may call what: the allow-list, and what counts as a yes from `authorize`.
import type { ProxyOptions, ProxyProduct } from "./types.js";

/** The `allow` option as a predicate. */
export function allowList(
  allow: ProxyOptions["allow"],
): (product: ProxyProduct, action: string) => boolean {
  if (typeof allow === "function")
    return (product: ProxyProduct, action: string) => allow({ product, action }) === true;
  if (!Array.isArray(allow))
    throw new TypeError("allow must be a list of product/action pairs or a predicate");
  const exact = new Set(allow);
  return (product: ProxyProduct, action: string) =>
    exact.has(`${product}/${action}`) || exact.has(`${product}/*`);
}

/**
 * What `authorize` allowed: `true`, or an object with a string `principal`. Anything else
 * denies, truthy or not (`"false"`, `1`, `new Boolean(false)`, `{ principal: undefined }`):
 * a hook that returns the wrong thing must fail closed.
 */
export function allowedBy(decision: unknown): { principal?: string } | undefined {
  if (decision === true) return {};
  if (typeof decision !== "object" || decision === null || Array.isArray(decision))
    return undefined;
  const principal: unknown = (decision as { principal?: unknown }).principal;
  return typeof principal === "string" ? { principal } : undefined;
}
