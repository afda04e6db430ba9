// Issue 21: the container group and image cache waiters stop at the cause their events
// name (ImagePullError, ScheduleError) instead of polling until the timeout.
import { describe, expect, it } from "vitest";
import {
  createEciClient,
  createVpcClient,
  ImagePullError,
  ScheduleError,
  WaiterError,
  type WaiterProgress,
  waitForContainerGroupRunning,
  waitForImageCacheReady,
  waitForVSwitchAvailable,
} from "../../src/index.js";
import { createFakeCloud } from "../../src/testing/index.js";
import { causeJudge } from "../../src/waiters/fail-fast.js";
import { rejection } from "./helpers.js";

const RegionId = "cn-hangzhou";

/** A fake with one Available vSwitch in cn-hangzhou-h: no NAT gateway, no EIP. */
async function offline() {
  const fake = createFakeCloud();
  const options = { regionId: RegionId, retry: false as const, ...fake.clientOptions() };
  const eci = createEciClient(options);
  const vpc = createVpcClient(options);
  const { VpcId } = await vpc.createVpc({ CidrBlock: "192.168.0.0/16" });
  fake.advance(10_000);
  const { VSwitchId } = await vpc.createVSwitch({
    VpcId,
    ZoneId: "cn-hangzhou-h",
    CidrBlock: "192.168.1.0/24",
  });
  await waitForVSwitchAvailable(vpc, { VSwitchId }, fake.waiterOptions());
  const progress: WaiterProgress[] = [];
  const wait = {
    ...fake.waiterOptions(),
    onProgress: (p: WaiterProgress) => void progress.push(p),
  };
  return { fake, eci, VSwitchId, wait, progress };
}

describe("waitForContainerGroupRunning fails fast", () => {
  it("a public image in a vSwitch without SNAT or EIP: ImagePullError at the second poll that sees it", async () => {
    const { eci, VSwitchId, wait, progress } = await offline();
    const { ContainerGroupId } = await eci.createContainerGroup({
      ContainerGroupName: "cache",
      VSwitchId,
      Container: [{ Name: "redis", Image: "redis:7" }],
    });
    const error = await rejection(waitForContainerGroupRunning(eci, { ContainerGroupId }, wait));
    expect(error).toBeInstanceOf(ImagePullError);
    expect(error).toBeInstanceOf(WaiterError);
    const pull = error as ImagePullError;
    expect(pull).toMatchObject({ reason: "failure", image: "redis:7", pullFailure: "noInternet" });
    expect(pull.message).toContain('cannot pull image "redis:7": docker.io could not be reached');
    expect(pull.message).toContain("SNAT entry for the vSwitch on a NAT gateway with an EIP");
    expect(pull.events.map((e) => e.Reason)).toContain("BackOff");
    // the first poll that saw the failure only reported it
    const sightings = progress.filter((p) => p.detail?.startsWith('pull of "redis:7" failed'));
    expect(sightings).toHaveLength(2);
    expect(pull.attempts - progress.indexOf(sightings[0] as WaiterProgress)).toBe(2);
    console.log(`${pull.message} [${pull.attempts} polls]`);
  });

  it("failFast: false polls on, until the timeout", async () => {
    const { eci, VSwitchId, wait } = await offline();
    const { ContainerGroupId } = await eci.createContainerGroup({
      ContainerGroupName: "cache",
      VSwitchId,
      Container: [{ Name: "redis", Image: "redis:7" }],
    });
    const error = await rejection(
      waitForContainerGroupRunning(
        eci,
        { ContainerGroupId },
        { ...wait, failFast: false, timeoutMs: 60_000 },
      ),
    );
    expect(error).not.toBeInstanceOf(ImagePullError);
    expect(error).toMatchObject({ reason: "timeout", lastStatus: "Pending" });
  });

  it("a private image without credentials: ImagePullError accessDenied, the advice names the registry", async () => {
    const { fake, eci, VSwitchId, wait } = await offline();
    fake.addImage("registry.example.com/team/api:2", { private: true });
    const { ContainerGroupId } = await eci.createContainerGroup({
      ContainerGroupName: "api",
      VSwitchId,
      AutoCreateEip: true,
      Container: [{ Name: "api", Image: "registry.example.com/team/api:2" }],
    });
    const error = (await rejection(
      waitForContainerGroupRunning(eci, { ContainerGroupId }, wait),
    )) as ImagePullError;
    expect(error).toBeInstanceOf(ImagePullError);
    expect(error.pullFailure).toBe("accessDenied");
    expect(error.advice).toContain("ImageRegistryCredential for registry.example.com");
  });

  it("out of stock at scheduling: ScheduleError at the first poll that shows it, naming zone and spec", async () => {
    const { fake, eci, VSwitchId, wait } = await offline();
    fake.stock.soldOut({ zoneId: "cn-hangzhou-h", when: "schedule" });
    const { ContainerGroupId } = await eci.createContainerGroup({
      ContainerGroupName: "job",
      VSwitchId,
      InstanceType: "ecs.c6.large",
      Container: [{ Name: "job", Image: "registry.cn-hangzhou.aliyuncs.com/acs/job:1" }],
    });
    const error = (await rejection(
      waitForContainerGroupRunning(eci, { ContainerGroupId }, wait),
    )) as ScheduleError;
    expect(error).toBeInstanceOf(ScheduleError);
    expect(error).toMatchObject({
      code: "NoStock",
      outOfStock: true,
      zoneId: "cn-hangzhou-h",
      instanceType: "ecs.c6.large",
    });
    expect(error.message).toContain("NoStock in zone cn-hangzhou-h, instance type ecs.c6.large");
    expect(error.attempts).toBe(2); // poll 1: Pending before scheduling; poll 2: ScheduleFailed
  });

  it("heavy load: ScheduleError UnknownError, not out of stock", async () => {
    const { fake, eci, VSwitchId, wait } = await offline();
    fake.stock.scheduleFailure();
    const { ContainerGroupId } = await eci.createContainerGroup({
      ContainerGroupName: "job",
      VSwitchId,
      Container: [{ Name: "job", Image: "registry.cn-hangzhou.aliyuncs.com/acs/job:1" }],
    });
    const error = (await rejection(
      waitForContainerGroupRunning(eci, { ContainerGroupId }, wait),
    )) as ScheduleError;
    expect(error).toMatchObject({ code: "UnknownError", outOfStock: false });
    expect(error.message).toContain("Cpu/Memory spec");
  });
});

describe("waitForImageCacheReady fails fast", () => {
  it("a cache of redis:7 without egress: ImagePullError naming the image", async () => {
    const { fake, eci, VSwitchId, wait } = await offline();
    const { ImageCacheId } = await eci.createImageCache({
      ImageCacheName: "redis",
      Image: ["redis:7"],
      VSwitchId,
    });
    const error = (await rejection(
      waitForImageCacheReady(eci, { ImageCacheId }, wait),
    )) as ImagePullError;
    expect(error).toBeInstanceOf(ImagePullError);
    expect(error).toMatchObject({ image: "redis:7", pullFailure: "noInternet" });
    expect(fake.state.eci.imageCaches[0]?.Status).toBe("Failed");
  });
});

describe("causeJudge", () => {
  const failed = (Count: number, Message: string) => [
    {
      Type: "Warning" as const,
      Reason: "Failed",
      Message,
      Count,
      LastTimestamp: "2025-01-01T00:00:10Z",
    },
    {
      Type: "Normal" as const,
      Reason: "Pulling",
      Message: 'Pulling image "x:1"',
      LastTimestamp: "2025-01-01T00:00:00Z",
    },
  ];

  it("an unknown pull failure is reported until it repeats", () => {
    const judge = causeJudge();
    const text = 'Failed to pull image "x:1": toomanyrequests: rate limit';
    expect(judge(failed(1, text), false, {})?.verdict).toBe("report");
    expect(judge(failed(1, text), false, {})?.verdict).toBe("report");
    expect(judge(failed(2, text), false, {})?.verdict).toBe("fail");
  });

  it("a definite failure already there at the first poll waits for the next attempt (its cause may be fixed)", () => {
    const judge = causeJudge();
    const text = 'Failed to pull image "x:1": dial tcp: lookup registry-1.docker.io: i/o timeout';
    expect(judge(failed(3, text), false, {})?.verdict).toBe("report");
    expect(judge(failed(3, text), false, {})?.verdict).toBe("report");
    expect(judge(failed(4, text), false, {})?.verdict).toBe("fail");
    const fresh = causeJudge();
    expect(fresh([], false, {})).toBeUndefined();
    expect(fresh(failed(1, text), false, {})?.verdict).toBe("report");
    expect(fresh(failed(1, text), false, {})?.verdict).toBe("fail");
  });

  it("a later successful pull clears it; StockExhaust is only a warning", () => {
    const judge = causeJudge();
    const events = [
      {
        Type: "Normal" as const,
        Reason: "Pulled",
        Message: 'Successfully pulled image "x:1"',
        LastTimestamp: "2025-01-01T00:00:20Z",
      },
      ...failed(1, 'Failed to pull image "x:1": dial tcp: i/o timeout'),
      {
        Type: "Warning" as const,
        Reason: "StockExhaust",
        Message: "The stock of the specified zones will be used up.",
        LastTimestamp: "2025-01-01T00:00:30Z",
      },
    ];
    expect(judge(events, false, {})).toBeUndefined();
  });
});
