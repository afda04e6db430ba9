// The fake's ECI against our SDK: every action answers in the spec's shape, and container
// groups and image caches live through their real states on the test's clock.
import { afterAll, describe, expect, it } from "vitest";
import { eciInfo } from "../../generated/eci.service.js";
import { expectPopError, expectShape, setup } from "./helpers.js";
import { signedCall } from "./wire.js";

const eciService = await eciInfo.load();

const seen = new Set<string>();
const RegionId = "cn-hangzhou";

/** A fake, clients, and a group created from `containers`. */
async function withGroup(
  container: { Name: string; Image: string; [k: string]: unknown }[] = [
    { Name: "web", Image: "nginx:1.25" },
  ],
  extra: Record<string, unknown> = {},
) {
  const env = setup();
  const created = await env.eci.createContainerGroup({
    RegionId,
    ContainerGroupName: "demo",
    Container: container,
    ...extra,
  });
  expectShape("eci", "CreateContainerGroup", created);
  seen.add("CreateContainerGroup");
  const id = created.ContainerGroupId as string;
  const describe = async () => {
    const out = await env.eci.describeContainerGroups({ RegionId, ContainerGroupIds: [id] });
    expectShape("eci", "DescribeContainerGroups", out);
    seen.add("DescribeContainerGroups");
    return out.ContainerGroups?.[0] ?? expect.unreachable("group not listed");
  };
  return { ...env, id, describe };
}

const reasons = (events: { Reason?: string }[] | undefined) => (events ?? []).map((e) => e.Reason);

describe("container groups", () => {
  it("CreateContainerGroup returns an eci- id and the group goes Pending → Running with events", async () => {
    const { fake, id, describe } = await withGroup();
    expect(id).toMatch(/^eci-[a-z0-9]{20}$/);
    expect((await describe()).Status).toBe("Pending");
    fake.advance(2_000);
    expect(reasons((await describe()).Events)).toContain("Scheduled");
    fake.advance(60_000);
    const group = await describe();
    expect(group.Status).toBe("Running");
    expect(reasons(group.Events)).toEqual(["Scheduled", "Pulling", "Pulled", "Created", "Started"]);
    expect(group.Containers?.[0]?.CurrentState?.State).toBe("Running");
    expect(group.Containers?.[0]?.Ready).toBe(true);
    expect(group.IntranetIp).toMatch(/^\d+\.\d+\.\d+\.\d+$/);
  });

  it("DescribeContainerGroups filters by name and status and pages with NextToken", async () => {
    const env = setup();
    for (let i = 0; i < 3; i++) {
      await env.eci.createContainerGroup({
        RegionId,
        ContainerGroupName: `g${i}`,
        Container: [{ Name: "c", Image: "nginx:1.25" }],
      });
    }
    const first = await env.eci.describeContainerGroups({ RegionId, Limit: 2 });
    expect(first.TotalCount).toBe(3);
    expect(first.ContainerGroups).toHaveLength(2);
    expect(first.NextToken).not.toBe("");
    const second = await env.eci.describeContainerGroups({
      RegionId,
      Limit: 2,
      NextToken: first.NextToken as string,
    });
    expect(second.ContainerGroups).toHaveLength(1);
    expect(second.NextToken).toBe("");
    expect(
      (await env.eci.describeContainerGroups({ RegionId, ContainerGroupName: "g1" })).TotalCount,
    ).toBe(1);
    expect(
      (await env.eci.describeContainerGroups({ RegionId, Status: "Running" })).TotalCount,
    ).toBe(0);
    await expectPopError(
      env.eci.describeContainerGroups({ RegionId, NextToken: "garbage" }),
      "InvalidParameter",
      400,
    );
  });

  it("DescribeContainerGroupStatus reports a Kubernetes pod status", async () => {
    const { fake, eci, id } = await withGroup();
    fake.advance(60_000);
    const out = await eci.describeContainerGroupStatus({ RegionId, ContainerGroupIds: [id] });
    expectShape("eci", "DescribeContainerGroupStatus", out);
    seen.add("DescribeContainerGroupStatus");
    const pod = out.Data?.[0];
    expect(pod?.Status).toBe("Running");
    expect(pod?.PodStatus?.Phase).toBe("Running");
    expect(pod?.PodStatus?.ContainerStatuses?.[0]?.State?.Running?.StartedAtstartedAt).toMatch(
      /Z$/,
    );
    expect(pod?.PodStatus?.Conditions?.find((c) => c.type === "Ready")?.status).toBe("True");
  });

  it("DescribeContainerGroupEvents lists Kubernetes events, filtered by source", async () => {
    const { fake, eci, id } = await withGroup();
    fake.advance(60_000);
    const out = await eci.describeContainerGroupEvents({ RegionId, ContainerGroupIds: [id] });
    expectShape("eci", "DescribeContainerGroupEvents", out);
    seen.add("DescribeContainerGroupEvents");
    expect(out.Data?.[0]?.Events?.map((e) => e.Reason)).toEqual([
      "Scheduled",
      "Pulling",
      "Pulled",
      "Created",
      "Started",
    ]);
    const service = await eci.describeContainerGroupEvents({
      RegionId,
      ContainerGroupIds: [id],
      EventSource: "EciService",
    });
    expect(service.Data?.[0]?.Events?.map((e) => e.Reason)).toEqual(["Scheduled"]);
  });

  it("RestartContainerGroup goes Restarting → Running and needs a Running group", async () => {
    const { fake, eci, id, describe } = await withGroup();
    await expectPopError(
      eci.restartContainerGroup({ RegionId, ContainerGroupId: id }),
      "IncorrectStatus",
      400,
    );
    fake.advance(60_000);
    expectShape(
      "eci",
      "RestartContainerGroup",
      await eci.restartContainerGroup({ RegionId, ContainerGroupId: id }),
    );
    seen.add("RestartContainerGroup");
    expect((await describe()).Status).toBe("Restarting");
    fake.advance(10_000);
    const group = await describe();
    expect(group.Status).toBe("Running");
    expect(group.Containers?.[0]?.PreviousState?.State).toBe("Terminated");
    expect(reasons(group.Events)).toContain("Killing");
  });

  it("UpdateContainerGroup replaces a container's command and re-runs it", async () => {
    const { fake, eci, id, describe } = await withGroup();
    fake.advance(60_000);
    const out = await eci.updateContainerGroup({
      RegionId,
      ContainerGroupId: id,
      UpdateType: "IncrementalUpdate",
      Container: [{ Name: "web", Arg: ["nginx", "-g", "daemon off; worker_processes 2;"] }],
    });
    expectShape("eci", "UpdateContainerGroup", out);
    seen.add("UpdateContainerGroup");
    expect((await describe()).Status).toBe("Updating");
    fake.advance(10_000);
    const group = await describe();
    expect(group.Status).toBe("Running");
    expect(group.Containers?.[0]?.Args).toEqual(["nginx", "-g", "daemon off; worker_processes 2;"]);
    expect(group.Containers?.[0]?.Image).toBe("nginx:1.25");
  });

  it("DeleteContainerGroup removes the group; unknown ids are InvalidParameter.NotFound", async () => {
    const { eci, id } = await withGroup();
    expectShape(
      "eci",
      "DeleteContainerGroup",
      await eci.deleteContainerGroup({ RegionId, ContainerGroupId: id }),
    );
    seen.add("DeleteContainerGroup");
    expect(
      (await eci.describeContainerGroups({ RegionId, ContainerGroupIds: [id] })).TotalCount,
    ).toBe(0);
    await expectPopError(
      eci.deleteContainerGroup({ RegionId, ContainerGroupId: id }),
      "InvalidParameter.NotFound",
      404,
    );
  });

  it("DescribeContainerLog returns what the container printed", async () => {
    const { fake, eci, id } = await withGroup();
    fake.advance(60_000);
    const out = await eci.describeContainerLog({
      RegionId,
      ContainerGroupId: id,
      ContainerName: "web",
    });
    expectShape("eci", "DescribeContainerLog", out);
    seen.add("DescribeContainerLog");
    expect(out.Content).toContain("Configuration complete; ready for start up");
    const tail = await eci.describeContainerLog({
      RegionId,
      ContainerGroupId: id,
      ContainerName: "web",
      Tail: 1,
      Timestamps: true,
    });
    expect(tail.Content?.trim().split("\n")).toHaveLength(1);
    expect(tail.Content).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{9}Z /);
    await expectPopError(
      eci.describeContainerLog({ RegionId, ContainerGroupId: id, ContainerName: "nope" }),
      "InvalidParameter",
      400,
    );
  });

  it("ExecContainerCommand answers a WebSocket URI, or the output with Sync", async () => {
    const { fake, eci, id } = await withGroup();
    await expectPopError(
      eci.execContainerCommand({
        RegionId,
        ContainerGroupId: id,
        ContainerName: "web",
        Command: ["ls"],
      }),
      "IncorrectStatus",
    );
    fake.advance(60_000);
    const ws = await eci.execContainerCommand({
      RegionId,
      ContainerGroupId: id,
      ContainerName: "web",
      Command: ["/bin/sh"],
    });
    expectShape("eci", "ExecContainerCommand", ws);
    seen.add("ExecContainerCommand");
    expect(ws.WebSocketUri).toMatch(/^wss:\/\/.+token=/);
    const sync = await eci.execContainerCommand({
      RegionId,
      ContainerGroupId: id,
      ContainerName: "web",
      Command: ["hostname"],
      Sync: true,
    });
    expect(sync.SyncResponse).toBe("demo\n");
  });

  it("DescribeContainerGroupMetric and DescribeMultiContainerGroupMetric return samples of a running group", async () => {
    const { fake, eci, id } = await withGroup();
    fake.advance(10 * 60_000);
    const one = await eci.describeContainerGroupMetric({ RegionId, ContainerGroupId: id });
    expectShape("eci", "DescribeContainerGroupMetric", one);
    seen.add("DescribeContainerGroupMetric");
    expect(one.Records?.length).toBeGreaterThanOrEqual(4);
    expect(one.Records?.[0]?.CPU?.Limit).toBe(2000);
    const many = await eci.describeMultiContainerGroupMetric({ RegionId, ContainerGroupIds: [id] });
    expectShape("eci", "DescribeMultiContainerGroupMetric", many);
    seen.add("DescribeMultiContainerGroupMetric");
    expect(many.MonitorDatas?.[0]?.Records).toHaveLength(1);
  });
});

describe("start command and working directory (topic 3)", () => {
  const backup = { entrypoint: ["mkdir"], cmd: ["/data/backup"] };
  const cases: [string, Record<string, unknown>, string[], string[]][] = [
    ["neither set: ENTRYPOINT + CMD", {}, ["mkdir"], ["/data/backup"]],
    ["Commands set: CMD is ignored", { Command: ["cd"] }, ["cd"], []],
    ["Args set: ENTRYPOINT + Args", { Arg: ["/opt/backup"] }, ["mkdir"], ["/opt/backup"]],
    ["both set", { Command: ["cd"], Arg: ["/opt/backup"] }, ["cd"], ["/opt/backup"]],
  ];
  for (const [name, override, commands, args] of cases) {
    it(name, async () => {
      const env = setup({ images: { "registry.cn-hangzhou.aliyuncs.com/demo/backup:1": backup } });
      const { ContainerGroupId } = await env.eci.createContainerGroup({
        RegionId,
        ContainerGroupName: "backup",
        Container: [
          { Name: "b", Image: "registry.cn-hangzhou.aliyuncs.com/demo/backup:1", ...override },
        ],
      });
      const out = await env.eci.describeContainerGroups({
        RegionId,
        ContainerGroupIds: [ContainerGroupId as string],
      });
      const container = out.ContainerGroups?.[0]?.Containers?.[0];
      expect(container?.Commands).toEqual(commands);
      expect(container?.Args).toEqual(args);
      expect(container?.WorkingDir).toBe("/");
    });
  }

  it("nginx reports its image ENTRYPOINT and CMD; WorkingDir overrides WORKDIR", async () => {
    const { describe } = await withGroup([
      { Name: "web", Image: "nginx:1.25" },
      { Name: "cache", Image: "redis:7" },
      { Name: "tool", Image: "busybox:1.36", WorkingDir: "/work", Command: ["sleep", "3600"] },
    ]);
    const [web, cache, tool] = (await describe()).Containers ?? [];
    expect([web?.Commands, web?.Args, web?.WorkingDir]).toEqual([
      ["/docker-entrypoint.sh"],
      ["nginx", "-g", "daemon off;"],
      "/",
    ]);
    expect(cache?.WorkingDir).toBe("/data");
    expect([tool?.Commands, tool?.Args, tool?.WorkingDir]).toEqual([
      ["sleep", "3600"],
      [],
      "/work",
    ]);
  });

  it("a command missing from the image fails to start, and the group fails with RestartPolicy Never", async () => {
    const { fake, describe } = await withGroup(
      [{ Name: "b", Image: "busybox:1.36", Command: ["cd"], Arg: ["/opt"] }],
      { RestartPolicy: "Never" },
    );
    fake.advance(60_000);
    const group = await describe();
    expect(group.Status).toBe("Failed");
    expect(group.FailedTime).toMatch(/Z$/);
    expect(group.Containers?.[0]?.CurrentState?.Reason).toBe("StartError");
    expect(group.Events?.find((e) => e.Type === "Warning")?.Message).toContain(
      'exec: "cd": executable file not found in $PATH',
    );
  });

  it("a command that exits 0 with RestartPolicy Never ends Succeeded", async () => {
    const { fake, describe } = await withGroup(
      [{ Name: "job", Image: "busybox:1.36", Command: ["sh", "-c", "echo done"] }],
      { RestartPolicy: "Never" },
    );
    fake.advance(60_000);
    const group = await describe();
    expect(group.Status).toBe("Succeeded");
    expect(group.Containers?.[0]?.CurrentState).toMatchObject({
      State: "Terminated",
      ExitCode: 0,
      Reason: "Completed",
    });
  });
});

describe("image caches (topic 2)", () => {
  it("CreateImageCache goes Preparing → Creating (Progress) → Ready with events", async () => {
    const { fake, eci } = setup();
    const created = await eci.createImageCache({
      RegionId,
      ImageCacheName: "web",
      Image: ["nginx:1.25", "redis:7"],
      RetentionDays: 7,
    });
    expectShape("eci", "CreateImageCache", created);
    seen.add("CreateImageCache");
    expect(created.ImageCacheId).toMatch(/^imc-[a-z0-9]{20}$/);
    const look = async () => {
      const out = await eci.describeImageCaches({
        RegionId,
        ImageCacheId: created.ImageCacheId as string,
      });
      expectShape("eci", "DescribeImageCaches", out);
      seen.add("DescribeImageCaches");
      return out.ImageCaches?.[0] ?? expect.unreachable("cache not listed");
    };
    expect(await look()).toMatchObject({ Status: "Preparing", Progress: "0%" });
    fake.advance(10_000 + 30_000);
    const half = await look();
    expect(half.Status).toBe("Creating");
    expect(half.Progress).toBe("50%");
    fake.advance(30_000);
    const ready = await look();
    expect(ready).toMatchObject({
      Status: "Ready",
      Progress: "100%",
      Images: ["nginx:1.25", "redis:7"],
    });
    expect(ready.SnapshotId).toMatch(/^s-/);
    expect(ready.ExpireDateTime).toMatch(/Z$/);
    expect(reasons(ready.Events)).toEqual(
      expect.arrayContaining(["Pulling", "Pulled", "ImageCacheCreated"]),
    );
  });

  it("the user guide's 20 images and 20–500 GiB are not API rules: the fake takes 21 images and 10 GiB", async () => {
    const { fake } = setup();
    const images = Array.from(
      { length: 21 },
      (_, i) => `registry.cn-hangzhou.aliyuncs.com/demo/app${i}:1`,
    );
    const raw = await signedCall(fake, "CreateImageCache", {
      RegionId,
      ImageCacheName: "big",
      ImageCacheSize: "10",
      ...Object.fromEntries(images.map((image, i) => [`Image.${i + 1}`, image])),
    });
    expect(raw.status).toBe(200);
    expect(raw.body.ImageCacheId).toMatch(/^imc-/);
    const none = await signedCall(fake, "CreateImageCache", { RegionId, ImageCacheName: "none" });
    expect(none.body).toMatchObject({ Code: "MissingParameter" });
  });

  it("UpdateImageCache rebuilds; DeleteImageCache removes", async () => {
    const { fake, eci } = setup();
    const { ImageCacheId } = await eci.createImageCache({
      RegionId,
      ImageCacheName: "web",
      Image: ["nginx:1.25"],
    });
    const id = ImageCacheId as string;
    await expectPopError(
      eci.updateImageCache({ RegionId, ImageCacheId: id, Image: ["nginx:1.26"] }),
      "IncorrectStatus",
    );
    fake.advance(120_000);
    expectShape(
      "eci",
      "UpdateImageCache",
      await eci.updateImageCache({
        RegionId,
        ImageCacheId: id,
        Image: ["nginx:1.26"],
        ImageCacheName: "web2",
      }),
    );
    seen.add("UpdateImageCache");
    expect(
      (await eci.describeImageCaches({ RegionId, ImageCacheId: id })).ImageCaches?.[0],
    ).toMatchObject({ Status: "Updating", ImageCacheName: "web2" });
    fake.advance(120_000);
    expect(
      (await eci.describeImageCaches({ RegionId, ImageCacheId: id })).ImageCaches?.[0],
    ).toMatchObject({ Status: "Ready", Images: ["nginx:1.26"] });
    expectShape(
      "eci",
      "DeleteImageCache",
      await eci.deleteImageCache({ RegionId, ImageCacheId: id }),
    );
    seen.add("DeleteImageCache");
    expect((await eci.describeImageCaches({ RegionId })).TotalCount).toBe(0);
  });

  async function readyCache(images: string[]) {
    const env = setup();
    const { ImageCacheId } = await env.eci.createImageCache({
      RegionId,
      ImageCacheName: "c",
      Image: images,
    });
    env.fake.advance(120_000);
    return { ...env, cacheId: ImageCacheId as string };
  }

  it("ImageSnapshotId + IfNotPresent: a cache hit and no pull", async () => {
    const { fake, eci, cacheId } = await readyCache(["nginx:1.25"]);
    const { ContainerGroupId } = await eci.createContainerGroup({
      RegionId,
      ContainerGroupName: "fast",
      ImageSnapshotId: cacheId,
      Container: [{ Name: "web", Image: "nginx:1.25", ImagePullPolicy: "IfNotPresent" }],
    });
    fake.advance(10_000);
    const group = (
      await eci.describeContainerGroups({
        RegionId,
        ContainerGroupIds: [ContainerGroupId as string],
      })
    ).ContainerGroups?.[0];
    expect(group?.Status).toBe("Running");
    expect(reasons(group?.Events)).toContain("SuccessfulHitImageCache");
    expect(reasons(group?.Events)).not.toContain("Pulling");
    expect(group?.Events?.find((e) => e.Reason === "Pulled")?.Message).toContain(
      "already present on machine",
    );
  });

  it("AutoMatchImageCache finds the cache; ImagePullPolicy Always still pulls", async () => {
    const { fake, eci } = await readyCache(["docker.io/library/nginx:1.25"]);
    const make = (policy: "IfNotPresent" | "Always") =>
      eci.createContainerGroup({
        RegionId,
        ContainerGroupName: policy.toLowerCase(),
        AutoMatchImageCache: true,
        Container: [{ Name: "web", Image: "nginx:1.25", ImagePullPolicy: policy }],
      });
    const hit = (await make("IfNotPresent")).ContainerGroupId as string;
    const pull = (await make("Always")).ContainerGroupId as string;
    fake.advance(60_000);
    const groups =
      (await eci.describeContainerGroups({ RegionId, ContainerGroupIds: [hit, pull] }))
        .ContainerGroups ?? [];
    const byName = Object.fromEntries(groups.map((g) => [g.ContainerGroupName, reasons(g.Events)]));
    expect(byName.ifnotpresent).toContain("SuccessfulHitImageCache");
    expect(byName.ifnotpresent).not.toContain("Pulling");
    expect(byName.always).toContain("Pulling");
  });

  it("without a cache the group pulls; an unknown ImageSnapshotId is refused", async () => {
    const { fake, eci, describe } = await withGroup([
      { Name: "web", Image: "nginx:1.25", ImagePullPolicy: "IfNotPresent" },
    ]);
    fake.advance(60_000);
    expect(reasons((await describe()).Events)).toEqual(
      expect.arrayContaining(["Pulling", "Pulled"]),
    );
    await expectPopError(
      eci.createContainerGroup({
        RegionId,
        ContainerGroupName: "xx",
        ImageSnapshotId: "imc-bp1doesnotexist00000",
        Container: [{ Name: "w", Image: "nginx" }],
      }),
      "InvalidParameter.NotFound",
      404,
    );
  });
});

describe("account, price, tags", () => {
  it("DescribeRegions lists regions and zones", async () => {
    const { eci } = setup({ regions: ["cn-hangzhou", "cn-beijing"] });
    const out = await eci.describeRegions({});
    expectShape("eci", "DescribeRegions", out);
    seen.add("DescribeRegions");
    expect(out.Regions?.map((r) => r.RegionId)).toEqual(["cn-hangzhou", "cn-beijing"]);
    expect(out.Regions?.[0]?.Zones).toContain("cn-hangzhou-h");
  });

  it("DescribeAvailableResource lists stock per zone", async () => {
    const { eci } = setup();
    const out = await eci.describeAvailableResource({
      RegionId,
      DestinationResource: { Category: "InstanceType", Cores: 2, Memory: 4 },
    });
    expectShape("eci", "DescribeAvailableResource", out);
    seen.add("DescribeAvailableResource");
    const values =
      out.AvailableZones?.AvailableZone?.[0]?.AvailableResources?.AvailableResource?.[0]?.SupportedResources?.SupportedResource?.map(
        (r) => r.Value,
      );
    expect(values).toEqual(["ecs.c6.large"]);
  });

  it("DescribeContainerGroupPrice prices vCPUs and memory", async () => {
    const { eci } = setup();
    const out = await eci.describeContainerGroupPrice({ RegionId, Cpu: 2, Memory: 4 });
    expectShape("eci", "DescribeContainerGroupPrice", out);
    seen.add("DescribeContainerGroupPrice");
    expect(out.PriceInfo?.Price?.Currency).toBe("CNY");
    expect(out.PriceInfo?.Price?.TradePrice).toBeGreaterThan(0);
    const bigger = await eci.describeContainerGroupPrice({ RegionId, Cpu: 4, Memory: 8 });
    expect(bigger.PriceInfo?.Price?.TradePrice).toBeCloseTo(
      2 * (out.PriceInfo?.Price?.TradePrice as number),
      6,
    );
  });

  it("ListUsage counts what exists", async () => {
    const { eci } = await withGroup();
    const out = await eci.listUsage({ RegionId });
    expectShape("eci", "ListUsage", out);
    seen.add("ListUsage");
    expect(out.Attributes?.UsedContainerGroupQuota).toBe("1");
  });

  it("TagResources, ListTagResources, UntagResources", async () => {
    const { eci, id } = await withGroup();
    expectShape(
      "eci",
      "TagResources",
      await eci.tagResources({
        RegionId,
        ResourceType: "ContainerGroup",
        ResourceId: [id],
        Tag: [{ Key: "env", Value: "test" }],
      }),
    );
    seen.add("TagResources");
    const listed = await eci.listTagResources({
      RegionId,
      ResourceType: "ContainerGroup",
      ResourceId: [id],
    });
    expectShape("eci", "ListTagResources", listed);
    seen.add("ListTagResources");
    expect(listed.TagResources).toEqual([
      { ResourceId: id, ResourceType: "ContainerGroup", TagKey: "env", TagValue: "test" },
    ]);
    expect(
      (await eci.describeContainerGroups({ RegionId, Tag: [{ Key: "env", Value: "test" }] }))
        .TotalCount,
    ).toBe(1);
    expectShape(
      "eci",
      "UntagResources",
      await eci.untagResources({
        RegionId,
        ResourceType: "ContainerGroup",
        ResourceId: [id],
        TagKey: ["env"],
      }),
    );
    seen.add("UntagResources");
    expect(
      (await eci.listTagResources({ RegionId, ResourceType: "ContainerGroup" })).TagResources,
    ).toEqual([]);
    await expectPopError(
      eci.tagResources({
        RegionId,
        ResourceType: "ImageCache",
        ResourceId: ["imc-nope"],
        Tag: [{ Key: "a", Value: "b" }],
      }),
      "InvalidParameter.NotFound",
    );
  });
});

describe("internet access (topic 1)", () => {
  it("a Docker Hub image in a VSwitch without EIP or SNAT cannot be pulled; adding an EIP lets the retry through", async () => {
    const { fake, eci, vpc } = setup();
    const { VpcId } = await vpc.createVpc({ RegionId, CidrBlock: "10.0.0.0/8" });
    fake.advance(5_000);
    const { VSwitchId } = await vpc.createVSwitch({
      RegionId,
      VpcId: VpcId as string,
      ZoneId: "cn-hangzhou-h",
      CidrBlock: "10.1.0.0/24",
    });
    fake.advance(5_000);
    const { ContainerGroupId } = await eci.createContainerGroup({
      RegionId,
      ContainerGroupName: "offline",
      VSwitchId: VSwitchId as string,
      Container: [{ Name: "web", Image: "nginx:1.25" }],
    });
    const id = ContainerGroupId as string;
    fake.advance(30_000);
    const stuck = (await eci.describeContainerGroups({ RegionId, ContainerGroupIds: [id] }))
      .ContainerGroups?.[0];
    expect(stuck?.Status).toBe("Pending");
    expect(stuck?.Containers?.[0]?.CurrentState?.Reason).toBe("ImagePullBackOff");
    expect(
      stuck?.Events?.some((e) => e.Type === "Warning" && e.Message?.includes("i/o timeout")),
    ).toBe(true);
    const { AllocationId } = await vpc.allocateEipAddress({ RegionId });
    await vpc.associateEipAddress({
      AllocationId: AllocationId as string,
      InstanceId: stuck?.EniInstanceId as string,
      InstanceType: "NetworkInterface",
    });
    fake.advance(60_000);
    const group = (await eci.describeContainerGroups({ RegionId, ContainerGroupIds: [id] }))
      .ContainerGroups?.[0];
    expect(group?.Status).toBe("Running");
    expect(group?.InternetIp).toMatch(/^\d+\.\d+\.\d+\.\d+$/);
  });
});

describe("ClientToken", () => {
  it("same token and parameters: the same group; other parameters: IdempotentParameterMismatch", async () => {
    const { eci, fake } = setup();
    const input = {
      RegionId,
      ContainerGroupName: "once",
      ClientToken: "token-1",
      Container: [{ Name: "w", Image: "nginx:1.25" }],
    };
    const first = await eci.createContainerGroup(input);
    const again = await eci.createContainerGroup(input);
    expect(again.ContainerGroupId).toBe(first.ContainerGroupId);
    expect(again.RequestId).not.toBe(first.RequestId);
    expect(fake.state.eci.containerGroups).toHaveLength(1);
    const mismatch = await expectPopError(
      eci.createContainerGroup({ ...input, ContainerGroupName: "other" }),
      "IdempotentParameterMismatch",
      400,
    );
    expect(mismatch.message).toContain("same client token");
  });
});

afterAll(() => {
  expect([...seen].sort()).toEqual(Object.keys(eciService.actions).sort());
});
