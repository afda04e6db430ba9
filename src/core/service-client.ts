// The clients of the main entry (every generated create<Product>Client): calls signed
// with the client's credentials, or sent through the signing proxy, on the target
// target.ts loads on the first call. Its own module, so that client.ts never imports
// target.ts and alicloud-eci/browser bundles without the signer (docs/browser-proxy.md).
import { buildClient, type ClientBase } from "./client.js";
import type { ServiceInfo } from "./meta.js";
import type { ClientOptions } from "./options.js";
import { targetLoader } from "./target.js";

export function createServiceClient<Paths extends object>(
  service: ServiceInfo,
  options: ClientOptions,
): ClientBase<Paths> & Record<string, unknown> {
  return buildClient<Paths>(service, options, targetLoader);
}
