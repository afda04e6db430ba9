// alicloud-eci/proxy: a signing proxy so browsers make typed calls without holding keys.
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
