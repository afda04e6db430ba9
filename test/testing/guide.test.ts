// The user guide's flows end to end against the fake, with the SDK's own waiters running on
// the fake's clock (`fake.waiterOptions()`): each pause advances time instead of waiting.
import { describe, expect, it } from "vitest";
import {
  ImagePullError,
  WaiterError,
  waitForBackendServersHealthy,
  waitForContainerGroupRunning,
  waitForEipStatus,
  waitForImageCacheReady,
  waitForNatGatewayAvailable,
  waitForVpcAvailable,
  waitForVSwitchAvailable,
} from "../../src/index.js";
import { setup } from "./helpers.js";

const RegionId = "cn-hangzhou";

async function network(env: ReturnType<typeof setup>) {
  const wait = env.fake.waiterOptions();
  const { VpcId } = await env.vpc.createVpc({ RegionId, CidrBlock: "192.168.0.0/16" });
  await waitForVpcAvailable(env.vpc, { RegionId, VpcId: VpcId as string }, wait);
  const { VSwitchId } = await env.vpc.createVSwitch({
    RegionId,
    VpcId: VpcId as string,
    ZoneId: "cn-hangzhou-h",
    CidrBlock: "192.168.1.0/24",
  });
  await waitForVSwitchAvailable(env.vpc, { RegionId, VSwitchId: VSwitchId as string }, wait);
  return { vpcId: VpcId as string, vSwitchId: VSwitchId as string };
}

describe("topic 1: reaching the internet", () => {
  it("VPC + NAT gateway + EIP + SNAT: a Docker Hub image is pulled and the group runs", async () => {
    const env = setup();
    const wait = env.fake.waiterOptions();
    const { vpcId, vSwitchId } = await network(env);
    const nat = await env.vpc.createNatGateway({ RegionId, VpcId: vpcId, VSwitchId: vSwitchId });
    await waitForNatGatewayAvailable(
      env.vpc,
      { RegionId, NatGatewayId: nat.NatGatewayId as string },
      wait,
    );
    const eip = await env.vpc.allocateEipAddress({ RegionId });
    await env.vpc.associateEipAddress({
      RegionId,
      AllocationId: eip.AllocationId as string,
      InstanceId: nat.NatGatewayId as string,
      InstanceType: "Nat",
    });
    await waitForEipStatus(
      env.vpc,
      { RegionId, AllocationId: eip.AllocationId as string },
      { ...wait, status: "InUse" },
    );
    await env.vpc.createSnatEntry({
      RegionId,
      SnatTableId: nat.SnatTableIds?.SnatTableId?.[0] as string,
      SnatIp: eip.EipAddress as string,
      SourceVSwitchId: vSwitchId,
    });
    env.fake.advance(5_000);
    const { ContainerGroupId } = await env.eci.createContainerGroup({
      RegionId,
      ContainerGroupName: "web",
      VSwitchId: vSwitchId,
      Container: [{ Name: "nginx", Image: "nginx:1.25" }],
    });
    const group = await waitForContainerGroupRunning(
      env.eci,
      { RegionId, ContainerGroupId: ContainerGroupId as string },
      wait,
    );
    expect(group.Events?.map((e) => e.Reason)).toContain("Pulled");
  });

  it("without a way out, the wait fails fast on the pull (failFast: false: times out on ImagePullBackOff)", async () => {
    const env = setup();
    const { vSwitchId } = await network(env);
    const { ContainerGroupId } = await env.eci.createContainerGroup({
      RegionId,
      ContainerGroupName: "web",
      VSwitchId: vSwitchId,
      Container: [{ Name: "nginx", Image: "nginx:1.25" }],
    });
    const ref = { RegionId, ContainerGroupId: ContainerGroupId as string };
    const fast = await waitForContainerGroupRunning(env.eci, ref, {
      ...env.fake.waiterOptions(),
      timeoutMs: 300_000,
    }).catch((e: unknown) => e);
    expect(fast).toBeInstanceOf(ImagePullError);
    expect((fast as ImagePullError).pullFailure).toBe("noInternet");
    expect((fast as ImagePullError).elapsedMs).toBeLessThan(60_000);
    const error = await waitForContainerGroupRunning(env.eci, ref, {
      ...env.fake.waiterOptions(),
      timeoutMs: 300_000,
      failFast: false,
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(WaiterError);
    expect((error as WaiterError).reason).toBe("timeout");
    expect((error as WaiterError).lastStatus).toBe("Pending");
    expect((error as WaiterError).message).toContain("ErrImagePull");
    expect((error as WaiterError).events?.some((e) => e.Message?.includes("i/o timeout"))).toBe(
      true,
    );
  });
});

describe("topic 2: image cache", () => {
  it("create, wait until Ready, start a group from it: no pull", async () => {
    const env = setup();
    const wait = env.fake.waiterOptions();
    const { ImageCacheId } = await env.eci.createImageCache({
      RegionId,
      ImageCacheName: "nginx",
      Image: ["nginx:1.25"],
    });
    const cache = await waitForImageCacheReady(
      env.eci,
      { RegionId, ImageCacheId: ImageCacheId as string },
      wait,
    );
    expect(cache.Progress).toBe("100%");
    const { ContainerGroupId } = await env.eci.createContainerGroup({
      RegionId,
      ContainerGroupName: "fast",
      ImageSnapshotId: ImageCacheId as string,
      Container: [{ Name: "nginx", Image: "nginx:1.25", ImagePullPolicy: "IfNotPresent" }],
    });
    const group = await waitForContainerGroupRunning(
      env.eci,
      { RegionId, ContainerGroupId: ContainerGroupId as string },
      wait,
    );
    const reasons = group.Events?.map((e) => e.Reason);
    expect(reasons).toContain("SuccessfulHitImageCache");
    expect(reasons).not.toContain("Pulling");
  });
});

describe("topic 3: start command", () => {
  it("a command missing from the image: the waiter fails with the warning", async () => {
    const env = setup();
    const { ContainerGroupId } = await env.eci.createContainerGroup({
      RegionId,
      ContainerGroupName: "broken",
      RestartPolicy: "Never",
      Container: [{ Name: "app", Image: "busybox:1.36", Command: ["cd"], Arg: ["/opt/backup"] }],
    });
    const error = await waitForContainerGroupRunning(
      env.eci,
      { RegionId, ContainerGroupId: ContainerGroupId as string },
      env.fake.waiterOptions(),
    ).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(WaiterError);
    expect((error as WaiterError).reason).toBe("failure");
    expect((error as WaiterError).message).toContain("executable file not found");
  });
});

describe("topic 4: container groups behind SLB", () => {
  it("a TCP 80 listener with health check: the nginx backend becomes healthy", async () => {
    const env = setup();
    const wait = env.fake.waiterOptions();
    const { vpcId, vSwitchId } = await network(env);
    const { ContainerGroupId } = await env.eci.createContainerGroup({
      RegionId,
      ContainerGroupName: "web",
      VSwitchId: vSwitchId,
      Container: [
        { Name: "nginx", Image: "registry.cn-hangzhou.aliyuncs.com/eci_open/nginx:1.14.2" },
      ],
    });
    const group = await waitForContainerGroupRunning(
      env.eci,
      { RegionId, ContainerGroupId: ContainerGroupId as string },
      wait,
    );
    const { LoadBalancerId } = await env.slb.createLoadBalancer({
      RegionId,
      AddressType: "intranet",
      VpcId: vpcId,
      VSwitchId: vSwitchId,
    });
    await env.slb.createLoadBalancerTCPListener({
      RegionId,
      LoadBalancerId: LoadBalancerId as string,
      ListenerPort: 80,
      BackendServerPort: 80,
      Bandwidth: -1,
    });
    await env.slb.startLoadBalancerListener({
      RegionId,
      LoadBalancerId: LoadBalancerId as string,
      ListenerPort: 80,
    });
    await env.slb.addBackendServers({
      RegionId,
      LoadBalancerId: LoadBalancerId as string,
      BackendServers: [
        {
          ServerId: ContainerGroupId as string,
          Weight: "100",
          Type: "eci",
          ServerIp: group.IntranetIp as string,
        },
      ],
    });
    const health = await waitForBackendServersHealthy(
      env.slb,
      {
        RegionId,
        LoadBalancerId: LoadBalancerId as string,
        ServerIds: [ContainerGroupId as string],
      },
      wait,
    );
    expect(health.map((h) => h.ServerHealthStatus)).toEqual(["normal"]);
  });
});
