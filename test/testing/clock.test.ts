// Time in the fake: a manual clock the test moves, or real time with configurable durations.
import { describe, expect, it } from "vitest";
import { createVpcClient } from "../../src/index.js";
import { createFakeCloud, DEMO_DURATIONS, FAKE_CREDENTIALS } from "../../src/testing/index.js";

const RegionId = "cn-hangzhou";

describe("clock", () => {
  it("manual (default): states move only with advance(), however much real time passes", async () => {
    let wall = Date.parse("2025-03-01T00:00:00Z");
    const fake = createFakeCloud({ now: () => wall, startTime: wall });
    const vpc = createVpcClient({ regionId: RegionId, ...fake.clientOptions(), now: () => wall });
    const { VpcId } = await vpc.createVpc({ RegionId });
    wall += 60_000;
    expect(fake.state.vpc.vpcs[0]?.Status).toBe("Pending");
    fake.advance(1_999);
    expect(fake.state.vpc.vpcs[0]?.Status).toBe("Pending");
    fake.advance(1);
    expect(fake.state.vpc.vpcs[0]).toMatchObject({
      VpcId,
      Status: "Available",
      CreationTime: "2025-03-01T00:00:00Z",
    });
    expect(fake.now()).toBe(Date.parse("2025-03-01T00:00:02Z"));
    expect(() => fake.advance(-1)).toThrow(RangeError);
  });

  it("real: states follow the wall clock with short demo durations", async () => {
    let wall = Date.now();
    const fake = createFakeCloud({ time: "real", now: () => wall });
    const vpc = createVpcClient({
      regionId: RegionId,
      credentials: FAKE_CREDENTIALS,
      fetch: fake.fetch,
      now: () => wall,
    });
    await vpc.createVpc({ RegionId });
    expect((await vpc.describeVpcs({ RegionId })).Vpcs?.Vpc?.[0]?.Status).toBe("Pending");
    wall += DEMO_DURATIONS.vpc;
    expect((await vpc.describeVpcs({ RegionId })).Vpcs?.Vpc?.[0]?.Status).toBe("Available");
  });

  it("durations can be set per step", async () => {
    const fake = createFakeCloud({ durations: { natGateway: 100, vpc: 1, vSwitch: 1 } });
    const vpc = createVpcClient({ regionId: RegionId, ...fake.clientOptions() });
    const { VpcId } = await vpc.createVpc({ RegionId });
    fake.advance(1);
    const { VSwitchId } = await vpc.createVSwitch({
      RegionId,
      VpcId: VpcId as string,
      ZoneId: "cn-hangzhou-i",
      CidrBlock: "172.16.0.0/24",
    });
    fake.advance(1);
    const { NatGatewayId } = await vpc.createNatGateway({
      RegionId,
      VpcId: VpcId as string,
      VSwitchId: VSwitchId as string,
    });
    fake.advance(99);
    expect(
      (await vpc.getNatGatewayAttribute({ RegionId, NatGatewayId: NatGatewayId as string })).Status,
    ).toBe("Creating");
    fake.advance(1);
    expect(
      (await vpc.getNatGatewayAttribute({ RegionId, NatGatewayId: NatGatewayId as string })).Status,
    ).toBe("Available");
  });
});
