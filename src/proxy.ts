/**
 * A signing proxy, so that browsers make typed calls without holding keys: the page's
 * client sends unsigned calls to your server, which checks, authorizes, signs and
 * forwards them.
 *
 * @module alicloud-eci/proxy
 */

export type { CorsOptions } from "./proxy/cors.js";
export {
  type AuditEvent,
  type AuthorizeResult,
  createProxyHandler,
  type ProxyCall,
  type ProxyOptions,
  type ProxyProduct,
} from "./proxy/handler.js";
export { toNodeListener } from "./proxy/node.js";
