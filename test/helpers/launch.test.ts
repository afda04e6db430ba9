// launchContainerGroups on the fake cloud's manual clock: adaptive concurrency under a rate
// limit, none twice on a re-run, batched polling, one failure never sinks the batch.
import { describe, expect, it } from "vitest";
import { LaunchWindow } from "../../src/helpers/launch-window.js";
import {
  AbortError,
  createEciClient,
  createVpcClient,
  type LaunchProgress,
  launchContainerGroups,
  waitForVSwitchAvailable,
} from "../../src/index.js";
import { createFakeCloud } from "../../src/testing/index.js";

const spec = (i: number) => ({
  ContainerGroupName: `job-${i}`,
  Container: [{ Name: "job", Image: "registry.cn-hangzhou.aliyuncs.com/acs/job:1" }],
});
const specs = (n: number) => Array.from({ length: n }, (_, i) => spec(i));

function world(options: Parameters<typeof createFakeCloud>[0] = {}) {
  const fake = createFakeCloud({ seed: 3, ...options });
  const eci = createEciClient({ regionId: "cn-hangzhou", ...fake.clientOptions() });
  const calls = (action: string) => fake.requests.filter((r) => r.action === action);
  return { fake, eci, calls, wait: { ...fake.waiterOptions(), random: () => 0.5 } };
}

describe("launchContainerGroups", () => {
  it("creates every spec once under a rate limit, adapting its window, and waits in batches", async () => {
    const { fake, eci, calls, wait } = world();
    fake.faults.rateLimit({ action: "CreateContainerGroup", perSecond: 10, burst: 5 });
    const seen: LaunchProgress[] = [];
    const results = await launchContainerGroups(eci, specs(60), {
      ...wait,
      batchId: "b1",
      waitFor: "Running",
      maxConcurrency: 8,
      onProgress: (p) => seen.push(p),
    });
    expect(results.map((r) => r.index)).toEqual([...Array(60).keys()]);
    expect(results.every((r) => r.status === "Running" && !r.error)).toBe(true);
    expect(new Set(results.map((r) => r.ContainerGroupId)).size).toBe(60);
    expect(fake.state.eci.containerGroups).toHaveLength(60);
    const creates = calls("CreateContainerGroup");
    expect(creates.some((r) => r.code === "Throttling.Api")).toBe(true); // the limit bit…
    expect(creates.filter((r) => r.status === 200)).toHaveLength(60); // …and nothing was lost
    expect(Math.max(...seen.map((p) => p.concurrency))).toBeLessThanOrEqual(8);
    expect(calls("DescribeContainerGroupStatus").length).toBeLessThan(60 / 2); // 20 ids a call
    const last = seen.at(-1) as LaunchProgress;
    expect(last).toMatchObject({ total: 60, done: 60, failed: 0, queued: 0 });
    expect(last.byStatus.Running).toBe(60);
  });

  it("waits as long as x-acs-retry-after asks before sending a throttled spec again", async () => {
    const { fake, eci, calls, wait } = world();
    fake.faults.failNext("CreateContainerGroup", { code: "Throttling.User", retryAfterMs: 3_000 });
    const pauses: number[] = [];
    const sleep = (ms: number, signal?: AbortSignal) => {
      pauses.push(ms);
      return wait.sleep(ms, signal);
    };
    const [result] = await launchContainerGroups(eci, specs(1), { ...wait, sleep });
    expect(result?.ContainerGroupId).toMatch(/^eci-/);
    expect(pauses).toEqual([3_000]);
    expect(calls("CreateContainerGroup").map((r) => r.status)).toEqual([400, 200]);
  });

  it("creates nothing new when the same batch runs again, after the groups run", async () => {
    const { fake, eci, calls, wait } = world();
    const first = await launchContainerGroups(eci, specs(12), { ...wait, waitFor: "Running" });
    fake.advance(60_000);
    const again = await launchContainerGroups(eci, specs(12), { ...wait, waitFor: "Running" });
    expect(again.map((r) => r.ContainerGroupId)).toEqual(first.map((r) => r.ContainerGroupId));
    expect(fake.state.eci.containerGroups).toHaveLength(12);
    expect(calls("CreateContainerGroup").every((r) => r.status === 200)).toBe(true);
    // another batch id is another batch
    await launchContainerGroups(eci, specs(2), { ...wait, batchId: "other" });
    expect(fake.state.eci.containerGroups).toHaveLength(14);
  });

  it("fails one spec without sinking the batch; the quota refuses what goes over", async () => {
    const { fake, eci, wait } = world({ quotas: { containerGroups: 5 } });
    const list = [...specs(6), { ContainerGroupName: "bad", Container: [] }];
    const results = await launchContainerGroups(eci, list, wait);
    expect(results.filter((r) => r.ContainerGroupId)).toHaveLength(5);
    expect(results[5]?.error).toMatchObject({ code: "QuotaExceeded", statusCode: 403 });
    expect(results[6]?.error).toBeInstanceOf(Error);
    expect(fake.state.eci.containerGroups).toHaveLength(5);
    const { Attributes } = await eci.listUsage({});
    expect(Attributes).toMatchObject({ MaxContainerGroupQuota: "5", UsedContainerGroupQuota: "5" });
  });

  it("stops sending on abort and reports what was sent", async () => {
    const { fake, eci, wait } = world();
    const controller = new AbortController();
    const results = await launchContainerGroups(eci, specs(40), {
      ...wait,
      initialConcurrency: 2,
      maxConcurrency: 2,
      waitFor: "Running",
      signal: controller.signal,
      onProgress: (p) => {
        if (p.total - p.queued >= 6) controller.abort();
      },
    });
    const sent = results.filter((r) => r.ContainerGroupId);
    const unsent = results.filter((r) => r.notSent);
    expect(sent.length).toBeGreaterThanOrEqual(6);
    expect(sent.length + unsent.length).toBe(40);
    expect(unsent.every((r) => r.error instanceof AbortError)).toBe(true);
    expect(fake.state.eci.containerGroups).toHaveLength(sent.length);
  });

  it("moves a spec with several vSwitches past a stock-out (the placement helper)", async () => {
    const { fake, eci, wait } = world();
    const vpc = createVpcClient({ regionId: "cn-hangzhou", ...fake.clientOptions() });
    const { VpcId } = await vpc.createVpc({ CidrBlock: "192.168.0.0/16" });
    fake.advance(10_000);
    const h = await vpc.createVSwitch({
      VpcId,
      ZoneId: "cn-hangzhou-h",
      CidrBlock: "192.168.1.0/24",
    });
    const i = await vpc.createVSwitch({
      VpcId,
      ZoneId: "cn-hangzhou-i",
      CidrBlock: "192.168.2.0/24",
    });
    await waitForVSwitchAvailable(vpc, { VSwitchId: i.VSwitchId }, fake.waiterOptions());
    fake.stock.soldOut({ zoneId: "cn-hangzhou-h" });
    const list = [{ ...spec(0), VSwitchId: `${h.VSwitchId},${i.VSwitchId}` }];
    const [result] = await launchContainerGroups(eci, list, wait);
    expect(result?.error).toBeUndefined();
    expect(fake.state.eci.containerGroups[0]).toMatchObject({ ZoneId: "cn-hangzhou-i" });
  });
});

describe("LaunchWindow", () => {
  it("grows by about one per window of successes, halves once per congestion", () => {
    const window = new LaunchWindow(4, 6);
    for (let n = 0; n < 4; n++) window.grow();
    expect(window.size).toBe(4); // 4 + 4 × ~1/4.x: just under 5
    window.grow();
    expect(window.size).toBe(5);
    const mark = window.mark;
    window.cut(mark);
    window.cut(mark); // a second throttle of the same burst
    expect(window.size).toBe(2);
    for (let n = 0; n < 100; n++) window.grow();
    expect(window.size).toBe(6);
  });
});
