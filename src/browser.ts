/**
 * Clients for web pages that call through your signing proxy (`alicloud-eci/proxy`): the
 * same methods, pagination, waiters, helpers and errors as `alicloud-eci`, but a client
 * from here can only call through the proxy. So no bundle of the page, code-split or one
 * file, carries the signer, the credential providers, the request shapes or the Node
 * transport. A page that signs with STS keys itself imports `alicloud-eci` instead.
 *
 * @example
 * ```ts
 * import { createEciClient } from "alicloud-eci/browser";
 *
 * const eci = createEciClient({ regionId: "cn-hangzhou", proxy: "/api/alicloud" });
 * ```
 *
 * @module alicloud-eci/browser
 */

import type { EciClient } from "../generated/eci.client.js";
import { eciActions } from "../generated/eci.service.js";
import type { EcsClient } from "../generated/ecs.client.js";
import { ecsActions } from "../generated/ecs.service.js";
import type { SlbClient } from "../generated/slb.client.js";
import { slbActions } from "../generated/slb.service.js";
import type { StsClient } from "../generated/sts.client.js";
import { stsActions } from "../generated/sts.service.js";
import type { VpcClient } from "../generated/vpc.client.js";
import { vpcActions } from "../generated/vpc.service.js";
import { buildClient } from "./core/client.js";
import type { ServiceFacts } from "./core/meta.js";
import { type ProxyClientOptions, proxyOnlyLoader } from "./core/proxy-target.js";

// Everything the main entry exports; the factories below take the place of its own
// (a module's own exports win over `export *`). test/package/browser-entry.test.ts checks
// that every product of the main entry has one here.
export * from "./index.js";
export type { ProxyClientOptions };

// the product's action facts only: no endpoint table, no loader for the request shapes
const proxyClient = (
  product: string,
  actions: ServiceFacts["actions"],
  options: ProxyClientOptions,
) => buildClient({ product, actions }, options, proxyOnlyLoader);

/**
 * Creates a typed client for Alibaba Cloud ECI that calls through the signing proxy at
 * `options.proxy`; `credentials` and `endpoint` are refused (`ConfigurationError`).
 */
export function createEciClient(options: ProxyClientOptions): EciClient {
  return proxyClient("eci", eciActions, options) as unknown as EciClient;
}

/** Creates a typed client for ECS (security groups) that calls through the signing proxy. */
export function createEcsClient(options: ProxyClientOptions): EcsClient {
  return proxyClient("ecs", ecsActions, options) as unknown as EcsClient;
}

/** Creates a typed client for SLB that calls through the signing proxy. */
export function createSlbClient(options: ProxyClientOptions): SlbClient {
  return proxyClient("slb", slbActions, options) as unknown as SlbClient;
}

/** Creates a typed client for STS that calls through the signing proxy. */
export function createStsClient(options: ProxyClientOptions): StsClient {
  return proxyClient("sts", stsActions, options) as unknown as StsClient;
}

/** Creates a typed client for VPC that calls through the signing proxy. */
export function createVpcClient(options: ProxyClientOptions): VpcClient {
  return proxyClient("vpc", vpcActions, options) as unknown as VpcClient;
}
