// The guide helpers against the fake cloud, on its manual clock (waits advance fake time).
import { describe, expect, it } from "vitest";
import {
  addDnatRule,
  allowInboundPort,
  attachContainerGroups,
  BackendAttachError,
  createContainerGroupWithCache,
  createContainerGroupWithEip,
  createEciClient,
  createEcsClient,
  createImageCacheAndWait,
  createSlbClient,
  createVpcClient,
  detachContainerGroups,
  EipInUseError,
  enableInternetViaNat,
  findImageCache,
  getBackendHealth,
  InternetSetupError,
  normalizeImage,
  ValidationError,
  waitForBackendServersHealthy,
  waitForContainerGroupRunning,
  waitForVpcAvailable,
  waitForVSwitchAvailable,
  withImageCache,
} from "../../src/index.js";
import { createMetadataClient, describeSelf } from "../../src/metadata.js";
import { createFakeCloud, createFakeMetadataService } from "../../src/testing/index.js";

const RegionId = "cn-hangzhou";

async function world(clientOptions: { retry?: false } = { retry: false }) {
  const fake = createFakeCloud();
  const common = { regionId: RegionId, ...fake.clientOptions(), ...clientOptions };
  const clients = {
    eci: createEciClient(common),
    vpc: createVpcClient(common),
    ecs: createEcsClient(common),
    slb: createSlbClient(common),
  };
  const wait = fake.waiterOptions();
  const { VpcId } = await clients.vpc.createVpc({ RegionId, CidrBlock: "192.168.0.0/16" });
  const vpcId = VpcId as string;
  await waitForVpcAvailable(clients.vpc, { RegionId, VpcId: vpcId }, wait);
  const { VSwitchId } = await clients.vpc.createVSwitch({
    RegionId,
    VpcId: vpcId,
    ZoneId: "cn-hangzhou-h",
    CidrBlock: "192.168.1.0/24",
  });
  const vSwitchId = VSwitchId as string;
  await waitForVSwitchAvailable(clients.vpc, { RegionId, VSwitchId: vSwitchId }, wait);
  const { SecurityGroupId } = await clients.ecs.createSecurityGroup({ RegionId, VpcId: vpcId });
  return { fake, wait, ...clients, vpcId, vSwitchId, securityGroupId: SecurityGroupId as string };
}

type World = Awaited<ReturnType<typeof world>>;

/** Internet access for the vSwitch (Docker Hub pulls need it); the placement to build caches in. */
async function online(w: World) {
  await enableInternetViaNat(w, {
    regionId: RegionId,
    vpcId: w.vpcId,
    vSwitchId: w.vSwitchId,
    wait: w.wait,
  });
  return { VSwitchId: w.vSwitchId, SecurityGroupId: w.securityGroupId };
}

const nginx = (name: string, w: World) => ({
  RegionId,
  ContainerGroupName: name,
  VSwitchId: w.vSwitchId,
  SecurityGroupId: w.securityGroupId,
  Container: [
    { Name: "nginx", Image: "nginx:1.25", Port: [{ Port: 80, Protocol: "TCP" as const }] },
  ],
});

async function runningGroup(w: World, name: string, extra: object = {}) {
  const { ContainerGroupId } = await w.eci.createContainerGroup({ ...nginx(name, w), ...extra });
  const id = ContainerGroupId as string;
  await waitForContainerGroupRunning(w.eci, { RegionId, ContainerGroupId: id }, w.wait);
  return id;
}

describe("enableInternetViaNat", () => {
  it("creates the NAT gateway, EIP, association and SNAT entry, then dispose() removes exactly them", async () => {
    const w = await world();
    const steps: string[] = [];
    const net = await enableInternetViaNat(w, {
      regionId: RegionId,
      vpcId: w.vpcId,
      vSwitchId: w.vSwitchId,
      wait: w.wait,
      onStep: (step, { reused }) => steps.push(`${step}:${reused ? "reused" : "new"}`),
    });
    expect(steps).toEqual(["natGateway:new", "eip:new", "association:new", "snatEntry:new"]);
    expect(net.created).toEqual(["natGateway", "eip", "association", "snatEntry"]);
    expect(net.natGatewayId).toMatch(/^ngw-/);
    expect(net.allocationId).toMatch(/^eip-/);
    expect(net.eipAddress).toMatch(/^\d+\.\d+\.\d+\.\d+$/);
    expect(w.fake.state.vpc.eipAddresses[0]).toMatchObject({
      Status: "InUse",
      InstanceId: net.natGatewayId,
    });
    expect(w.fake.state.vpc.snatEntries[0]).toMatchObject({
      SnatEntryId: net.snatEntryId,
      SourceVSwitchId: w.vSwitchId,
      SnatIp: net.eipAddress,
      Status: "Available",
    });
    // a container group on the vSwitch now pulls from Docker Hub
    await runningGroup(w, "web");

    await net.dispose();
    expect(w.fake.state.vpc.snatEntries).toHaveLength(0);
    expect(w.fake.state.vpc.eipAddresses).toHaveLength(0);
    expect(w.fake.state.vpc.natGateways.filter((n) => n.Status !== "Deleting")).toHaveLength(0);
  });

  it("running it again reuses everything, and dispose() then leaves what it did not create", async () => {
    const w = await world();
    const options = { regionId: RegionId, vpcId: w.vpcId, vSwitchId: w.vSwitchId, wait: w.wait };
    const first = await enableInternetViaNat(w, options);
    const second = await enableInternetViaNat(w, options);
    expect(second).toMatchObject({
      natGatewayId: first.natGatewayId,
      allocationId: first.allocationId,
      snatEntryId: first.snatEntryId,
      created: [],
    });
    await second.dispose();
    expect(w.fake.state.vpc.natGateways).toHaveLength(1);
    expect(w.fake.state.vpc.eipAddresses).toHaveLength(1);
    expect(w.fake.state.vpc.snatEntries).toHaveLength(1);
  });

  it("a failure midway cleans up what it created and names the step", async () => {
    const w = await world();
    w.fake.faults.failNext("CreateSnatEntry", { code: "QuotaExceeded.SnatEntry", status: 400 });
    const error = await enableInternetViaNat(w, {
      regionId: RegionId,
      vpcId: w.vpcId,
      vSwitchId: w.vSwitchId,
      wait: w.wait,
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InternetSetupError);
    expect((error as InternetSetupError).step).toBe("snatEntry");
    expect((error as InternetSetupError).cleanedUp).toEqual(["association", "eip", "natGateway"]);
    expect((error as Error).message).toContain("QuotaExceeded.SnatEntry");
    expect(w.fake.state.vpc.eipAddresses).toHaveLength(0);
    expect(w.fake.state.vpc.natGateways.filter((n) => n.Status !== "Deleting")).toHaveLength(0);
  });

  it("re-running after a crash midway creates no duplicates", async () => {
    const w = await world();
    const options = { regionId: RegionId, vpcId: w.vpcId, vSwitchId: w.vSwitchId, wait: w.wait };
    // the run dies after allocating the EIP, and its clean-up fails too (as if the process died)
    w.fake.faults.failNext("AssociateEipAddress", { code: "Forbidden.RAM", status: 403 });
    w.fake.faults.failNext("ReleaseEipAddress", { code: "Forbidden.RAM", status: 403 });
    w.fake.faults.failNext("DeleteNatGateway", { code: "Forbidden.RAM", status: 403 });
    const crashed = (await enableInternetViaNat(w, options).catch(
      (e: unknown) => e,
    )) as InternetSetupError;
    expect(crashed.step).toBe("association");
    expect(crashed.cleanupErrors).toHaveLength(2);
    expect(w.fake.state.vpc.natGateways).toHaveLength(1);
    expect(w.fake.state.vpc.eipAddresses).toHaveLength(1);

    const net = await enableInternetViaNat(w, options);
    expect(w.fake.state.vpc.natGateways).toHaveLength(1);
    expect(w.fake.state.vpc.eipAddresses).toHaveLength(1);
    expect(net.allocationId).toBe(w.fake.state.vpc.eipAddresses[0]?.AllocationId);
  });

  it("a lost answer is retried with the same ClientToken: one EIP, not two", async () => {
    const w = await world({} as { retry?: false }); // default retries on
    w.fake.faults.dropConnection("AllocateEipAddress", { afterSending: true });
    const net = await enableInternetViaNat(w, {
      regionId: RegionId,
      vpcId: w.vpcId,
      vSwitchId: w.vSwitchId,
      wait: w.wait,
    });
    expect(w.fake.state.vpc.eipAddresses.map((e) => e.AllocationId)).toEqual([net.allocationId]);
    const allocations = w.fake.requests.filter((r) => r.action === "AllocateEipAddress");
    expect(allocations).toHaveLength(2);
  });
});

describe("addDnatRule", () => {
  it("forwards a port of the NAT's EIP to a container group, and removes it again", async () => {
    const w = await world();
    const net = await enableInternetViaNat(w, {
      regionId: RegionId,
      vpcId: w.vpcId,
      vSwitchId: w.vSwitchId,
      wait: w.wait,
    });
    const id = await runningGroup(w, "web");
    const ip = w.fake.state.eci.containerGroups.find((g) => g.ContainerGroupId === id)
      ?.IntranetIp as string;
    const rule = await addDnatRule(w.vpc, {
      regionId: RegionId,
      forwardTableId: net.forwardTableId,
      externalIp: net.eipAddress,
      externalPort: 8080,
      internalIp: ip,
      internalPort: 80,
      wait: w.wait,
    });
    expect(w.fake.state.vpc.forwardEntries[0]).toMatchObject({
      ForwardEntryId: rule.forwardEntryId,
      ExternalPort: "8080",
      InternalIp: ip,
      InternalPort: "80",
      Status: "Available",
    });
    await rule.dispose();
    expect(w.fake.state.vpc.forwardEntries).toHaveLength(0);
  });
});

describe("direct EIP and the security group", () => {
  it("allowInboundPort opens TCP 80 to everyone", async () => {
    const w = await world();
    await allowInboundPort(w.ecs, {
      regionId: RegionId,
      securityGroupId: w.securityGroupId,
      port: 80,
    });
    const group = w.fake.state.ecs.securityGroups.find(
      (g) => g.SecurityGroupId === w.securityGroupId,
    );
    expect(group?.Permissions).toEqual([
      expect.objectContaining({
        IpProtocol: "TCP",
        PortRange: "80/80",
        SourceCidrIp: "0.0.0.0/0",
        Policy: "Accept",
      }),
    ]);
  });

  it("allowInboundPort refuses a port out of range before calling", async () => {
    const w = await world();
    await expect(
      allowInboundPort(w.ecs, {
        regionId: RegionId,
        securityGroupId: w.securityGroupId,
        port: 70000,
      }),
    ).rejects.toBeInstanceOf(ValidationError);
    expect(w.fake.requests.filter((r) => r.action === "AuthorizeSecurityGroup")).toHaveLength(0);
  });

  it("an auto-created EIP gives the group a public address", async () => {
    const w = await world();
    const { ContainerGroupId } = await createContainerGroupWithEip(w, nginx("web", w), {
      autoCreate: true,
      bandwidth: 5,
    });
    await waitForContainerGroupRunning(
      w.eci,
      { RegionId, ContainerGroupId: ContainerGroupId as string },
      w.wait,
    );
    const group = w.fake.state.eci.containerGroups[0];
    expect(group?.InternetIp).toMatch(/^\d+\.\d+\.\d+\.\d+$/);
  });

  it("one EIP, one instance: a bound EIP is refused with the rule explained, and nothing is created", async () => {
    const w = await world();
    const { AllocationId } = await w.vpc.allocateEipAddress({ RegionId });
    const eip = { allocationId: AllocationId as string };
    await createContainerGroupWithEip(w, nginx("first", w), eip);
    const error = await createContainerGroupWithEip(w, nginx("second", w), eip).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(EipInUseError);
    expect((error as Error).message).toMatch(/binds to one instance only.*N groups need N EIPs/);
    expect(w.fake.state.eci.containerGroups).toHaveLength(1);
  });
});

describe("image cache helpers", () => {
  it("createImageCacheAndWait reports progress and returns the Ready cache", async () => {
    const w = await world();
    const progress: string[] = [];
    const cache = await createImageCacheAndWait(
      w.eci,
      { RegionId, ImageCacheName: "nginx", Image: ["nginx:1.25"], ...(await online(w)) },
      { ...w.wait, onProgress: (p) => progress.push(`${p.status}`) },
    );
    expect(cache.Status).toBe("Ready");
    expect(cache.Progress).toBe("100%");
    expect(progress.at(-1)).toBe("Ready");
    expect(progress.length).toBeGreaterThan(1);
  });

  it("createImageCacheAndWait sends 21 images: the guide's limit of 20 is advice, not an API rule", async () => {
    const w = await world();
    const net = await online(w);
    const images = Array.from({ length: 21 }, (_, i) => `app:${i}`);
    const cache = await createImageCacheAndWait(
      w.eci,
      { ImageCacheName: "big", Image: images, ...net },
      w.wait,
    );
    expect(cache.Images).toHaveLength(21);
  });

  it("createImageCacheAndWait refuses what the API states before anything is created", async () => {
    const w = await world();
    await expect(
      createImageCacheAndWait(w.eci, { RegionId, ImageCacheName: "big", Image: [] }, w.wait),
    ).rejects.toBeInstanceOf(ValidationError);
    expect(w.fake.state.eci.imageCaches).toHaveLength(0);
  });

  it("findImageCache picks the tightest Ready cache covering the images", async () => {
    const w = await world();
    const net = await online(w);
    const make = (name: string, Image: string[]) =>
      createImageCacheAndWait(w.eci, { RegionId, ImageCacheName: name, Image, ...net }, w.wait);
    await make("wide", ["nginx:1.25", "redis:7", "busybox:1.36"]);
    const tight = await make("tight", ["nginx:1.25", "redis:7"]);
    expect(
      (
        await findImageCache(w.eci, {
          RegionId,
          images: ["docker.io/library/nginx:1.25", "redis:7"],
        })
      )?.ImageCacheId,
    ).toBe(tight.ImageCacheId);
    expect(await findImageCache(w.eci, { RegionId, images: ["postgres:16"] })).toBeUndefined();
  });

  it("normalizeImage treats Docker Hub short names and :latest alike", () => {
    expect(normalizeImage("nginx")).toBe("docker.io/library/nginx:latest");
    expect(normalizeImage("bitnami/redis:7")).toBe("docker.io/bitnami/redis:7");
    expect(normalizeImage("registry.example.com:5000/app@sha256:abc")).toBe(
      "registry.example.com:5000/app@sha256:abc",
    );
  });

  it("withImageCache fills IfNotPresent, keeps an explicit policy, refuses Always", () => {
    const input = {
      RegionId,
      ContainerGroupName: "web",
      Container: [
        { Name: "a", Image: "nginx" },
        { Name: "b", Image: "redis", ImagePullPolicy: "Never" as const },
      ],
    };
    const out = withImageCache(input, { imageCacheId: "imc-1" });
    expect(out.ImageSnapshotId).toBe("imc-1");
    expect(out.Container?.map((c) => c.ImagePullPolicy)).toEqual(["IfNotPresent", "Never"]);
    expect(input.Container[0]).not.toHaveProperty("ImagePullPolicy");
    expect(withImageCache(input, "auto").AutoMatchImageCache).toBe(true);
    const always = {
      ...input,
      Container: [{ Name: "a", Image: "nginx", ImagePullPolicy: "Always" as const }],
    };
    expect(() => withImageCache(always, "auto")).toThrow(
      /Container\[0\]\.ImagePullPolicy must not be Always/,
    );
  });

  it("a group started from the cache shows a cache hit and no image pull", async () => {
    const w = await world();
    const cache = await createImageCacheAndWait(
      w.eci,
      { RegionId, ImageCacheName: "nginx", Image: ["nginx:1.25"], ...(await online(w)) },
      w.wait,
    );
    const { ContainerGroupId } = await createContainerGroupWithCache(w.eci, nginx("web", w), {
      imageCacheId: cache.ImageCacheId as string,
    });
    const group = await waitForContainerGroupRunning(
      w.eci,
      { RegionId, ContainerGroupId: ContainerGroupId as string },
      w.wait,
    );
    const reasons = (group.Events ?? []).map((e) => e.Reason);
    expect(reasons).not.toContain("Pulling");
    expect(reasons.some((r) => /ImageCache/i.test(r ?? ""))).toBe(true);
  });
});

describe("SLB helpers", () => {
  async function lb(w: World) {
    const { LoadBalancerId } = await w.slb.createLoadBalancer({
      RegionId,
      AddressType: "intranet",
      VpcId: w.vpcId,
      VSwitchId: w.vSwitchId,
    });
    const id = LoadBalancerId as string;
    await w.slb.createLoadBalancerTCPListener({
      LoadBalancerId: id,
      ListenerPort: 80,
      BackendServerPort: 80,
      Bandwidth: -1,
    });
    await w.slb.startLoadBalancerListener({ LoadBalancerId: id, ListenerPort: 80 });
    return id;
  }

  it("attaches running groups as eci backends with their private IP, and they turn healthy", async () => {
    const w = await world();
    await enableInternetViaNat(w, {
      regionId: RegionId,
      vpcId: w.vpcId,
      vSwitchId: w.vSwitchId,
      wait: w.wait,
    });
    const loadBalancerId = await lb(w);
    const ids = [await runningGroup(w, "web-a"), await runningGroup(w, "web-b")];
    const added = await attachContainerGroups(w, {
      regionId: RegionId,
      loadBalancerId,
      containerGroupIds: ids,
    });
    const ips = Object.fromEntries(
      w.fake.state.eci.containerGroups.map((g) => [g.ContainerGroupId, g.IntranetIp]),
    );
    expect(added).toEqual(
      ids.map((id) => ({ ServerId: id, Type: "eci", ServerIp: ips[id], Weight: 100 })),
    );
    await waitForBackendServersHealthy(
      w.slb,
      { RegionId, LoadBalancerId: loadBalancerId, ServerIds: ids },
      w.wait,
    );
    const health = await getBackendHealth(w.slb, { regionId: RegionId, loadBalancerId });
    expect(health.map((h) => [h.ServerId, h.ServerHealthStatus, h.ListenerPort])).toEqual(
      ids.map((id) => [id, "normal", 80]),
    );
    await detachContainerGroups(w.slb, {
      regionId: RegionId,
      loadBalancerId,
      containerGroupIds: [ids[0] as string],
    });
    const left = w.fake.state.slb.loadBalancers[0]?.BackendServers?.BackendServer?.map(
      (b) => b.ServerId,
    );
    expect(left).toEqual([ids[1]]);
  });

  it("refuses missing and ended groups, naming them and their state, and attaches nothing", async () => {
    const w = await world();
    await enableInternetViaNat(w, {
      regionId: RegionId,
      vpcId: w.vpcId,
      vSwitchId: w.vSwitchId,
      wait: w.wait,
    });
    const loadBalancerId = await lb(w);
    const alive = await runningGroup(w, "alive");
    const { ContainerGroupId } = await w.eci.createContainerGroup({
      ...nginx("job", w),
      RestartPolicy: "Never",
      Container: [{ Name: "job", Image: "busybox:1.36", Command: ["echo", "done"] }],
    });
    w.fake.advance(120_000);
    const error = await attachContainerGroups(w, {
      regionId: RegionId,
      loadBalancerId,
      containerGroupIds: [alive, ContainerGroupId as string, "eci-doesnotexist"],
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(BackendAttachError);
    expect((error as BackendAttachError).refused).toEqual([
      { containerGroupId: ContainerGroupId, reason: "Succeeded" },
      { containerGroupId: "eci-doesnotexist", reason: "missing" },
    ]);
    expect((error as Error).message).toContain("eci-doesnotexist (missing)");
    expect(w.fake.state.slb.loadBalancers[0]?.BackendServers?.BackendServer ?? []).toHaveLength(0);
  });

  it("sends at most 20 servers per AddBackendServers call", async () => {
    const w = await world();
    await enableInternetViaNat(w, {
      regionId: RegionId,
      vpcId: w.vpcId,
      vSwitchId: w.vSwitchId,
      wait: w.wait,
    });
    const loadBalancerId = await lb(w);
    const ids: string[] = [];
    for (let i = 0; i < 25; i++) {
      const { ContainerGroupId } = await w.eci.createContainerGroup(nginx(`g${i}`, w));
      ids.push(ContainerGroupId as string);
    }
    w.fake.advance(120_000);
    await attachContainerGroups(w, { regionId: RegionId, loadBalancerId, containerGroupIds: ids });
    const calls = w.fake.requests.filter((r) => r.action === "AddBackendServers");
    expect(calls).toHaveLength(2);
    expect(w.fake.state.slb.loadBalancers[0]?.BackendServers?.BackendServer).toHaveLength(25);
  });
});

describe("describeSelf", () => {
  it("reads the instance's identity and network facts from the metadata service", async () => {
    const w = await world();
    const { ContainerGroupId } = await createContainerGroupWithEip(w, nginx("web-1", w), {
      autoCreate: true,
    });
    const id = ContainerGroupId as string;
    await waitForContainerGroupRunning(w.eci, { RegionId, ContainerGroupId: id }, w.wait);
    const group = w.fake.state.eci.containerGroups[0];
    const imds = createFakeMetadataService(w.fake, id);
    const self = await describeSelf(createMetadataClient({ fetch: imds.fetch }));
    expect(self).toMatchObject({
      instanceId: id,
      regionId: RegionId,
      hostname: "web-1",
      privateIpv4: group?.IntranetIp,
      eipv4: group?.InternetIp,
      vpcId: w.vpcId,
      vSwitchId: w.vSwitchId,
      vpcCidrBlock: "192.168.0.0/16",
      vSwitchCidrBlock: "192.168.1.0/24",
      nameServers: ["100.100.2.136", "100.100.2.138"],
    });
    expect(self.networkInterfaces[0]).toMatchObject({
      primaryIpAddress: group?.IntranetIp,
      netmask: "255.255.255.0",
    });
    expect(self).not.toHaveProperty("ramRoleName");
  });
});
