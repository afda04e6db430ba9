// createContainerGroupWithPlacement on the fake cloud: stock-outs move it to the next
// candidate; retries and re-runs never create a second group.
import { describe, expect, it } from "vitest";
import {
  createContainerGroupWithPlacement,
  createEciClient,
  createVpcClient,
  PermissionError,
  PlacementError,
  waitForVSwitchAvailable,
} from "../../src/index.js";
import { createFakeCloud } from "../../src/testing/index.js";

async function world() {
  const fake = createFakeCloud();
  const options = { regionId: "cn-hangzhou", ...fake.clientOptions() };
  const eci = createEciClient(options);
  const vpc = createVpcClient(options);
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
  return { fake, eci, vswH: h.VSwitchId, vswI: i.VSwitchId };
}

const input = {
  ContainerGroupName: "job",
  Container: [{ Name: "job", Image: "registry.cn-hangzhou.aliyuncs.com/acs/job:1" }],
};

describe("createContainerGroupWithPlacement", () => {
  it("moves on after a stock-out and says where the group landed and what was tried", async () => {
    const { fake, eci, vswH, vswI } = await world();
    fake.stock.soldOut({ zoneId: "cn-hangzhou-h" });
    fake.stock.soldOut({ zoneId: "cn-hangzhou-i", instanceType: "ecs.c6.large" });
    const candidates = [
      { vSwitchId: vswH, instanceType: "ecs.c6.large" },
      { vSwitchId: vswI, instanceType: "ecs.c6.large" },
      { vSwitchId: vswI, instanceType: "ecs.g6.large" },
    ];
    const placed = await createContainerGroupWithPlacement(eci, input, {
      candidates,
      clientToken: "job-42",
    });
    expect(placed).toMatchObject({ vSwitchId: vswI, instanceType: "ecs.g6.large" });
    expect(placed.attempts.map((a) => [a.clientToken, a.outcome])).toEqual([
      ["job-42-0", "OperationDenied.NoStock"],
      ["job-42-1", "OperationDenied.NoStock"],
      ["job-42-2", "created"],
    ]);
    expect(fake.state.eci.containerGroups).toHaveLength(1);
    expect(fake.state.eci.containerGroups[0]).toMatchObject({
      ContainerGroupId: placed.ContainerGroupId,
      ZoneId: "cn-hangzhou-i",
      InstanceType: "ecs.g6.large",
    });

    // a re-run after the zone came back: it finds the group instead of making a second one
    fake.stock.restock();
    const again = await createContainerGroupWithPlacement(eci, input, {
      candidates,
      clientToken: "job-42",
    });
    expect(again.ContainerGroupId).toBe(placed.ContainerGroupId);
    expect(again.attempts.map((a) => a.outcome)).toEqual(["found"]);
    expect(fake.state.eci.containerGroups).toHaveLength(1);
  });

  it("a retried attempt (answer lost) does not create two groups", async () => {
    const { fake, eci, vswH } = await world();
    fake.faults.dropConnection("CreateContainerGroup", { afterSending: true });
    await createContainerGroupWithPlacement(eci, input, { candidates: [{ vSwitchId: vswH }] });
    expect(fake.state.eci.containerGroups).toHaveLength(1);
  });

  it("every candidate out of stock: PlacementError with the attempts; other errors are thrown at once", async () => {
    const { fake, eci, vswH, vswI } = await world();
    fake.stock.soldOut();
    const error = await createContainerGroupWithPlacement(eci, input, {
      candidates: [{ vSwitchId: vswH }, { vSwitchId: vswI }],
    }).catch((e) => e);
    expect(error).toBeInstanceOf(PlacementError);
    expect((error as PlacementError).attempts.map((a) => a.outcome)).toEqual([
      "OperationDenied.NoStock",
      "OperationDenied.NoStock",
    ]);
    expect((error as PlacementError).cause).toBeInstanceOf(PermissionError);
    fake.stock.clear();
    await expect(
      createContainerGroupWithPlacement(eci, input, { candidates: [{ vSwitchId: "vsw-nope" }] }),
    ).rejects.toMatchObject({ name: "NotFoundError" });
  });
});
