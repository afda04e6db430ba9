// Topic 4: container groups behind a Server Load Balancer. A TCP listener with a health
// check, the groups attached as `eci` backends (their private IPs), health until normal.
// `npx tsx examples/slb-backends.ts`
import {
  attachContainerGroups,
  detachContainerGroups,
  getBackendHealth,
  waitForBackendServersHealthy,
  waitForContainerGroupDeleted,
} from "alicloud-eci";
import { buildImageCache } from "./image-cache.js";
import { type Network, setUpNetwork } from "./internet-access.js";
import { info, step, watch } from "./lib/log.js";
import { runIfMain, type Setup } from "./lib/setup.js";
import { startNginx } from "./start-command.js";

export interface Balancer {
  loadBalancerId: string;
  address: string;
  cleanup(): Promise<void>;
}

export async function putBehindSlb(
  s: Setup,
  network: Network,
  containerGroupIds: string[],
): Promise<Balancer> {
  step(`SLB: a TCP listener on port 80 in front of ${containerGroupIds.join(", ")}`);
  const lb = await s.slb.createLoadBalancer({
    LoadBalancerName: "quickstart",
    AddressType: "intranet",
    VpcId: network.vpcId,
    VSwitchId: network.vSwitchId,
    LoadBalancerSpec: "slb.s1.small",
  });
  const { LoadBalancerId: loadBalancerId, Address: address } = lb;
  info(`load balancer ${loadBalancerId} at ${address}`);
  await s.slb.createLoadBalancerTCPListener({
    LoadBalancerId: loadBalancerId,
    ListenerPort: 80,
    BackendServerPort: 80,
    Bandwidth: -1,
    Scheduler: "wrr",
    HealthCheckSwitch: "on",
    HealthyThreshold: 2,
  });
  await s.slb.startLoadBalancerListener({ LoadBalancerId: loadBalancerId, ListenerPort: 80 });
  info("listener TCP 80 (weighted round robin, health check on) started");

  const backends = await attachContainerGroups(
    { eci: s.eci, slb: s.slb },
    { loadBalancerId, containerGroupIds },
  );
  info(
    `attached ${backends.map((b) => `${b.ServerId} (${b.ServerIp})`).join(", ")} as eci backends`,
  );
  await waitForBackendServersHealthy(
    s.slb,
    { LoadBalancerId: loadBalancerId, ServerIds: containerGroupIds },
    watch("backend health", s.wait),
  );
  for (const b of await getBackendHealth(s.slb, { loadBalancerId })) {
    info(
      `${b.ServerId} ${b.ServerIp}:${b.Port} via ${b.Protocol} ${b.ListenerPort}: ${b.ServerHealthStatus}`,
    );
  }
  return {
    loadBalancerId,
    address,
    async cleanup() {
      await detachContainerGroups(s.slb, { loadBalancerId, containerGroupIds });
      await s.slb.deleteLoadBalancer({ LoadBalancerId: loadBalancerId });
      info(`detached the backends and deleted ${loadBalancerId}`);
    },
  };
}

/** The topic on its own: one nginx group behind a new load balancer, then all removed. */
export async function main(s: Setup): Promise<void> {
  const network = await setUpNetwork(s);
  const cache = await buildImageCache(s, network);
  const group = await startNginx(s, network, cache, "quickstart-web");
  const id = group.ContainerGroupId;
  const balancer = await putBehindSlb(s, network, [id]);
  await balancer.cleanup();
  await s.eci.deleteContainerGroup({ ContainerGroupId: id });
  await waitForContainerGroupDeleted(s.eci, { ContainerGroupId: id }, s.wait);
  await s.eci.deleteImageCache({ ImageCacheId: cache.ImageCacheId });
  info(`deleted ${id} and image cache ${cache.ImageCacheId}`);
  await network.cleanup();
}

runIfMain(import.meta.url, main);
