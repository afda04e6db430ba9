// The fake cloud at a burst's scale: its clock's queue is a heap (order kept, ties in the
// order scheduled), polls by id look groups up by id, the published ECI rate limits as a
// preset, and quotas as ListUsage reports them.
import { expect, it } from "vitest";
import { createEciClient } from "../../src/index.js";
import { createFakeCloud, ECI_RATE_LIMITS } from "../../src/testing/index.js";
import { TaskHeap } from "../../src/testing/task-heap.js";

it("the task heap gives the earliest task first, ties in the order scheduled", () => {
  const heap = new TaskHeap();
  const ran: string[] = [];
  const at = [5, 1, 3, 1, 9, 3, 0, 7, 1];
  for (const [seq, t] of at.entries())
    heap.push({ at: t, seq, run: () => ran.push(`${t}.${seq}`) });
  while (heap.size) heap.pop()?.run(0);
  expect(ran).toEqual(["0.6", "1.1", "1.3", "1.8", "3.2", "3.5", "5.0", "7.7", "9.4"]);
});

it("answers a poll by ids with those groups only, whatever else the account holds", async () => {
  const fake = createFakeCloud();
  const eci = createEciClient({ regionId: "cn-hangzhou", ...fake.clientOptions() });
  const ids: string[] = [];
  for (let i = 0; i < 30; i++) {
    const { ContainerGroupId } = await eci.createContainerGroup({
      ContainerGroupName: `g-${i}`,
      Container: [{ Name: "c", Image: "nginx:1.25" }],
    });
    ids.push(ContainerGroupId);
  }
  const wanted = [ids[3], ids[17], "eci-missing", ids[3]] as string[];
  const { Data, TotalCount } = await eci.describeContainerGroupStatus({
    ContainerGroupIds: wanted,
  });
  expect(TotalCount).toBe(2);
  expect(Data?.map((d) => d.ContainerGroupId).sort()).toEqual([ids[3], ids[17]].sort());
  const other = createEciClient({ regionId: "cn-beijing", ...fake.clientOptions() });
  expect((await other.describeContainerGroups({ ContainerGroupIds: wanted })).TotalCount).toBe(0);
});

it("ECI_RATE_LIMITS: a burst of 100 creates, then 20 a second", async () => {
  const fake = createFakeCloud({ quotas: { containerGroups: 200 } });
  for (const limit of ECI_RATE_LIMITS) fake.faults.rateLimit(limit);
  const eci = createEciClient({
    regionId: "cn-hangzhou",
    ...fake.clientOptions(),
    retry: false,
  });
  const create = (i: number) =>
    eci
      .createContainerGroup({
        ContainerGroupName: `b-${i}`,
        Container: [{ Name: "c", Image: "nginx:1.25" }],
      })
      .then(
        () => "ok",
        (e: { code: string }) => e.code,
      );
  const first = await Promise.all(Array.from({ length: 101 }, (_, i) => create(i)));
  expect(first.filter((x) => x === "ok")).toHaveLength(100);
  expect(first.at(-1)).toBe("Throttling.Api");
  fake.advance(1_000);
  const next = await Promise.all(Array.from({ length: 21 }, (_, i) => create(200 + i)));
  expect(next.filter((x) => x === "ok")).toHaveLength(20);
});

it("quotas count as groups come and go: a delete frees its vCPUs, an update changes them", async () => {
  const fake = createFakeCloud({ quotas: { vCpu: 6 } });
  const eci = createEciClient({ regionId: "cn-hangzhou", ...fake.clientOptions() });
  const create = (Cpu: number) =>
    eci.createContainerGroup({
      ContainerGroupName: "quota",
      Cpu,
      Memory: 4,
      Container: [{ Name: "c", Image: "nginx:1.25" }],
    });
  const { ContainerGroupId: a } = await create(2);
  const { ContainerGroupId: b } = await create(2);
  await expect(create(4)).rejects.toMatchObject({ code: "QuotaExceeded", statusCode: 403 });
  await eci.deleteContainerGroup({ ContainerGroupId: a });
  fake.advance(60_000);
  await eci.updateContainerGroup({ ContainerGroupId: b, Cpu: 1 });
  await create(4); // 1 + 4 of 6
  const { Attributes } = await eci.listUsage({});
  expect(Attributes).toMatchObject({
    MaxVCpuQuota: "6",
    UsedVCpuQuota: "5",
    UsedContainerGroupQuota: "2",
  });
});
