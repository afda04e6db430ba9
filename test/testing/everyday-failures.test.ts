// Issue 21: the failures ECI users hit most, as the fake cloud produces them on its
// manual clock: stock, addresses, pulls without egress or credentials, heavy load,
// throttling in bursts, ClientToken reuse, STS expiry.
import { describe, expect, it } from "vitest";
import { enableInternetViaNat } from "../../src/helpers/index.js";
import { waitForImageCacheReady, waitForVSwitchAvailable } from "../../src/index.js";
import { expectPopError, setup } from "./helpers.js";

const RegionId = "cn-hangzhou";

/** A fake with a VPC, two Available vSwitches (zones h and i) and no internet access. */
async function network(cidr = "192.168.1.0/24") {
  const env = setup();
  const { VpcId } = await env.vpc.createVpc({ RegionId, CidrBlock: "192.168.0.0/16" });
  env.fake.advance(10_000);
  const h = await env.vpc.createVSwitch({
    RegionId,
    VpcId,
    ZoneId: "cn-hangzhou-h",
    CidrBlock: cidr,
  });
  const i = await env.vpc.createVSwitch({
    RegionId,
    VpcId,
    ZoneId: "cn-hangzhou-i",
    CidrBlock: "192.168.2.0/24",
  });
  await waitForVSwitchAvailable(env.vpc, { VSwitchId: h.VSwitchId }, env.fake.waiterOptions());
  const { SecurityGroupId } = await env.ecs.createSecurityGroup({ RegionId, VpcId });
  return { ...env, vpcId: VpcId, vswH: h.VSwitchId, vswI: i.VSwitchId, SecurityGroupId };
}

const group = (VSwitchId: string, extra: object = {}) => ({
  RegionId,
  ContainerGroupName: "job",
  VSwitchId,
  Container: [{ Name: "app", Image: "registry.cn-hangzhou.aliyuncs.com/acs/app:1" }],
  ...extra,
});

const reasons = (events: { Reason?: string }[] | undefined) => events?.map((e) => e.Reason);

describe("stock", () => {
  it("a sold-out zone refuses CreateContainerGroup with OperationDenied.NoStock (403)", async () => {
    const env = await network();
    env.fake.stock.soldOut({ zoneId: "cn-hangzhou-h" });
    const error = await expectPopError(
      env.eci.createContainerGroup(group(env.vswH)),
      "OperationDenied.NoStock",
      403,
    );
    expect(error.message).toContain("zone: cn-hangzhou-h");
    expect(env.fake.state.eci.containerGroups).toHaveLength(0);
    env.fake.stock.soldOut({ zoneId: "cn-hangzhou-h", code: "Zone.NotOnSale" });
    await expectPopError(env.eci.createContainerGroup(group(env.vswH)), "Zone.NotOnSale", 403);
  });

  it("with several vSwitches and instance types the group lands on the first one in stock", async () => {
    const env = await network();
    env.fake.stock.soldOut({ zoneId: "cn-hangzhou-h" });
    env.fake.stock.soldOut({ zoneId: "cn-hangzhou-i", instanceType: "ecs.c6.large" });
    await env.eci.createContainerGroup(
      group(`${env.vswH},${env.vswI}`, { InstanceType: "ecs.c6.large,ecs.g6.large" }),
    );
    expect(env.fake.state.eci.containerGroups[0]).toMatchObject({
      ZoneId: "cn-hangzhou-i",
      VSwitchId: env.vswI,
      InstanceType: "ecs.g6.large",
    });
    env.fake.stock.restock();
    await env.eci.createContainerGroup(group(env.vswH));
    expect(env.fake.state.eci.containerGroups).toHaveLength(2);
  });

  it("sold out at scheduling: accepted, then ScheduleFailed with the NoStock event", async () => {
    const env = await network();
    env.fake.stock.soldOut({ instanceType: "ecs.c6.large", when: "schedule" });
    await env.eci.createContainerGroup(group(env.vswH, { InstanceType: "ecs.c6.large" }));
    env.fake.advance(5_000);
    const [g] = env.fake.state.eci.containerGroups;
    expect(g?.Status).toBe("ScheduleFailed");
    expect(g?.Events?.at(-1)).toMatchObject({
      Type: "Warning",
      Reason: "NoStock",
      Message:
        "Create ECI failed because the specified instance is out of stock. zone: cn-hangzhou-h, instanceType: ecs.c6.large",
    });
  });

  it("heavy load: the group fails to schedule with UnknownError; the next one goes through", async () => {
    const env = await network();
    env.fake.stock.scheduleFailure({ count: 1 });
    await env.eci.createContainerGroup(group(env.vswH));
    await env.eci.createContainerGroup(group(env.vswH));
    env.fake.advance(60_000);
    const [first, second] = env.fake.state.eci.containerGroups;
    expect(first?.Status).toBe("ScheduleFailed");
    expect(first?.Events?.at(-1)?.Message).toBe(
      "The ECI service is under heavy load while creating container group resources, please wait and try again later",
    );
    expect(second?.Status).toBe("Running");
  });

  it("low stock: the group runs, with a StockExhaust warning", async () => {
    const env = await network();
    env.fake.stock.lowStock({ zoneId: "cn-hangzhou-h" });
    await env.eci.createContainerGroup(group(env.vswH));
    env.fake.advance(60_000);
    const [g] = env.fake.state.eci.containerGroups;
    expect(g?.Status).toBe("Running");
    expect(reasons(g?.Events)).toContain("StockExhaust");
  });

  it("the API's own heavy-load answer is UnknownError (500), which the SDK retries", async () => {
    const env = await network();
    env.fake.faults.failNext("CreateContainerGroup", { code: "UnknownError" });
    await expectPopError(env.eci.createContainerGroup(group(env.vswH)), "UnknownError", 500);
  });
});

describe("addresses", () => {
  it("a vSwitch without a free address: InvalidVSwitchId.IpNotEnough; another vSwitch in the list is used", async () => {
    const env = await network("192.168.1.0/29");
    const created = [];
    for (;;) {
      const ok = await env.eci.createContainerGroup(group(env.vswH)).then(
        () => true,
        (e) => e,
      );
      if (ok !== true) {
        expect(ok).toMatchObject({ code: "InvalidVSwitchId.IpNotEnough", statusCode: 400 });
        break;
      }
      created.push(ok);
    }
    expect(created.length).toBeGreaterThan(0);
    await env.eci.createContainerGroup(group(`${env.vswH},${env.vswI}`));
    expect(env.fake.state.eci.containerGroups.at(-1)?.VSwitchId).toBe(env.vswI);
  });
});

describe("pulls", () => {
  it("an image cache of redis:7 in a vSwitch without SNAT or EIP fails; with SNAT it is Ready", async () => {
    const env = await network();
    const placement = { VSwitchId: env.vswH, SecurityGroupId: env.SecurityGroupId };
    const { ImageCacheId } = await env.eci.createImageCache({
      ImageCacheName: "redis",
      Image: ["redis:7"],
      ...placement,
    });
    env.fake.advance(30 * 60_000);
    const [cache] = env.fake.state.eci.imageCaches;
    expect(cache).toMatchObject({ ImageCacheId, Status: "Failed" });
    expect(cache?.Events?.find((e) => e.Reason === "Failed")?.Message).toMatch(
      /^Failed to pull image "redis:7": .*dial tcp: lookup registry-1\.docker\.io: i\/o timeout$/,
    );
    await enableInternetViaNat(
      { vpc: env.vpc },
      { regionId: RegionId, vpcId: env.vpcId, vSwitchId: env.vswH, wait: env.fake.waiterOptions() },
    );
    const again = await env.eci.createImageCache({
      ImageCacheName: "redis2",
      Image: ["redis:7"],
      ...placement,
    });
    const ready = await waitForImageCacheReady(
      env.eci,
      { ImageCacheId: again.ImageCacheId },
      env.fake.waiterOptions(),
    );
    expect(ready.Status).toBe("Ready");
  });

  it("a private image without a matching ImageRegistryCredential: ErrImagePull, BackOff", async () => {
    const env = await network();
    env.fake.addImage("registry.example.com/team/api:2", { private: true });
    await env.eci.createContainerGroup(
      // its own EIP: the registry is on the internet
      group(env.vswH, {
        AutoCreateEip: true,
        Container: [{ Name: "api", Image: "registry.example.com/team/api:2" }],
      }),
    );
    env.fake.advance(30_000);
    const [g] = env.fake.state.eci.containerGroups;
    expect(g?.Status).toBe("Pending");
    expect(g?.Events?.find((e) => e.Reason === "Failed")?.Message).toContain(
      "pull access denied, repository does not exist or may require authorization",
    );
    expect(reasons(g?.Events)).toEqual(expect.arrayContaining(["Failed", "BackOff"]));
    expect(g?.Events?.map((e) => e.Message)).toContain("Error: ErrImagePull");

    await env.eci.createContainerGroup(
      group(env.vswH, {
        AutoCreateEip: true,
        Container: [{ Name: "api", Image: "registry.example.com/team/api:2" }],
        ImageRegistryCredential: [
          { Server: "registry.example.com", UserName: "ci", Password: "s3cret" },
        ],
      }),
    );
    env.fake.advance(60_000);
    expect(env.fake.state.eci.containerGroups[1]?.Status).toBe("Running");
  });
});

describe("private images in caches", () => {
  it("an image cache of a private image fails without its credential and is Ready with it", async () => {
    const env = await network();
    env.fake.addImage("registry.cn-hangzhou.aliyuncs.com/team/secret:1", { private: true });
    const cache = (name: string, extra: object = {}) =>
      env.eci.createImageCache({
        ImageCacheName: name,
        Image: ["registry.cn-hangzhou.aliyuncs.com/team/secret:1"],
        VSwitchId: env.vswH,
        ...extra,
      });
    await cache("without");
    await cache("with", {
      ImageRegistryCredential: [
        { Server: "registry.cn-hangzhou.aliyuncs.com", UserName: "ci", Password: "s3cret" },
      ],
    });
    env.fake.advance(30 * 60_000);
    const [without, withCredential] = [...env.fake.state.eci.imageCaches].sort((a, b) =>
      (a.ImageCacheName ?? "") > (b.ImageCacheName ?? "") ? -1 : 1,
    );
    expect(without?.Status).toBe("Failed");
    expect(without?.Events?.map((e) => e.Message).join("\n")).toContain("pull access denied");
    expect(JSON.stringify(without?.Events)).not.toContain("s3cret");
    expect(withCredential?.Status).toBe("Ready");
  });
});

describe("throttling, ClientToken, STS", () => {
  it("rateLimit: a burst over the per-action rate is Throttling.Api (400); the bucket refills on the fake's clock", async () => {
    const env = await network();
    env.fake.faults.rateLimit({ action: "DescribeContainerGroups", perSecond: 2 });
    const codes = [];
    for (let n = 0; n < 4; n++)
      codes.push(
        await env.eci.describeContainerGroups({}).then(
          () => "ok",
          (e) => `${e.code} ${e.statusCode}`,
        ),
      );
    expect(codes).toEqual(["ok", "ok", "Throttling.Api 400", "Throttling.Api 400"]);
    await env.eci.describeRegions({}); // other actions are not limited
    env.fake.advance(500);
    await env.eci.describeContainerGroups({});
    env.fake.faults.rateLimit({ perSecond: 1 });
    await env.eci.describeRegions({});
    await expectPopError(env.eci.describeRegions({}), "Throttling.User", 400);
  });

  it("a ClientToken reused with other parameters: IdempotentParameterMismatch (400)", async () => {
    const env = await network();
    await env.eci.createContainerGroup(group(env.vswH, { ClientToken: "t-1" }));
    await expectPopError(
      env.eci.createContainerGroup(
        group(env.vswH, { ClientToken: "t-1", ContainerGroupName: "other" }),
      ),
      "IdempotentParameterMismatch",
      400,
    );
  });

  it("fake.issueStsCredentials expire on the fake's clock", async () => {
    const env = setup();
    const sts = env.fake.issueStsCredentials({ durationMs: 60_000 });
    expect(sts.expiration?.getTime()).toBe(env.fake.now() + 60_000);
    const { createEciClient } = await import("../../src/index.js");
    const eci = createEciClient({
      regionId: RegionId,
      retry: false,
      fetch: env.fake.fetch,
      credentials: sts,
    });
    await eci.describeRegions({});
    env.fake.advance(60_000);
    await expectPopError(eci.describeRegions({}), "InvalidSecurityToken.Expired", 400);
  });
});
