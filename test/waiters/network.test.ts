// VPC, vSwitch, NAT gateway and EIP waiters against a fake VPC API.
import { describe, expect, it } from "vitest";
import { AbortError, NotFoundError, PermissionError } from "../../src/index.js";
import {
  type WaiterError,
  waitForEipStatus,
  waitForNatGatewayAvailable,
  waitForVpcAvailable,
  waitForVSwitchAvailable,
} from "../../src/waiters/index.js";
import { fakeApi, popFailure } from "../paginate/fake-api.js";
import { harness, rejection, sequence } from "./helpers.js";

const REGION = "cn-hangzhou";

describe("waitForVpcAvailable", () => {
  const REF = { RegionId: REGION, VpcId: "vpc-1" };
  const vpc = (Status: string) => ({ VpcId: "vpc-1", CidrBlock: "192.168.0.0/16", Status });

  it("returns the attributes once Available", async () => {
    const api = fakeApi(sequence(vpc("Pending"), vpc("Available")));
    const { clock, log, options } = harness();
    expect(await waitForVpcAvailable(api.vpc, REF, options)).toMatchObject({
      VpcId: "vpc-1",
      Status: "Available",
    });
    expect(api.calls[0]).toEqual({
      action: "DescribeVpcAttribute",
      params: { RegionId: REGION, VpcId: "vpc-1" },
    });
    expect(log.map((p) => [p.status, p.elapsedMs])).toEqual([
      ["Pending", 0],
      ["Available", 1_000],
    ]);
    expect(clock.sleeps).toEqual([1_000]);
  });

  it("times out after 2 minutes by default", async () => {
    const api = fakeApi(sequence(vpc("Pending")));
    const { clock, options } = harness();
    const error = (await rejection(waitForVpcAvailable(api.vpc, REF, options))) as WaiterError;
    expect(error).toMatchObject({ reason: "timeout", lastStatus: "Pending", elapsedMs: 120_000 });
    expect(error.resource).toMatchObject({ VpcId: "vpc-1" });
    expect(Math.max(...clock.sleeps)).toBeLessThanOrEqual(10_000);
  });

  it("a VPC that does not exist ends the wait with the API's error", async () => {
    const api = fakeApi(sequence(popFailure(404, "InvalidVpcId.NotFound")));
    const { options } = harness();
    expect(await rejection(waitForVpcAvailable(api.vpc, REF, options))).toBeInstanceOf(
      NotFoundError,
    );
    expect(api.calls).toHaveLength(1);
  });

  it("stops on abort", async () => {
    const api = fakeApi(sequence(vpc("Pending")));
    const error = await rejection(
      waitForVpcAvailable(api.vpc, REF, { ...harness().options, signal: AbortSignal.abort() }),
    );
    expect(error).toBeInstanceOf(AbortError);
  });
});

describe("waitForVSwitchAvailable", () => {
  const REF = { RegionId: REGION, VSwitchId: "vsw-1" };
  const vsw = (Status: string) => ({ VSwitchId: "vsw-1", ZoneId: "cn-hangzhou-k", Status });

  it("returns the attributes once Available", async () => {
    const api = fakeApi(sequence(vsw("Pending"), vsw("Pending"), vsw("Available")));
    const { log, options } = harness();
    expect(await waitForVSwitchAvailable(api.vpc, REF, options)).toMatchObject({
      Status: "Available",
    });
    expect(api.calls[0]).toEqual({
      action: "DescribeVSwitchAttributes",
      params: { RegionId: REGION, VSwitchId: "vsw-1" },
    });
    expect(log.map((p) => p.status)).toEqual(["Pending", "Pending", "Available"]);
  });

  it("times out with the last status", async () => {
    const api = fakeApi(sequence(vsw("Pending")));
    const error = (await rejection(
      waitForVSwitchAvailable(api.vpc, REF, { ...harness().options, timeoutMs: 3_000 }),
    )) as WaiterError;
    expect(error).toMatchObject({
      reason: "timeout",
      lastStatus: "Pending",
      waiter: "waitForVSwitchAvailable",
    });
  });

  it("a permission error ends the wait at once", async () => {
    const api = fakeApi(sequence(popFailure(403, "Forbidden.RAM")));
    expect(
      await rejection(waitForVSwitchAvailable(api.vpc, REF, harness().options)),
    ).toBeInstanceOf(PermissionError);
  });
});

describe("waitForNatGatewayAvailable", () => {
  const REF = { RegionId: REGION, NatGatewayId: "ngw-1" };
  const nat = (Status: string) => ({ NatGatewayId: "ngw-1", Status });

  it("returns the attributes once Available, waiting out Creating and throttling", async () => {
    const api = fakeApi(
      sequence(nat("Creating"), popFailure(400, "Throttling.User"), nat("Available")),
    );
    const { log, options } = harness();
    expect(await waitForNatGatewayAvailable(api.vpc, REF, options)).toMatchObject({
      Status: "Available",
    });
    expect(api.calls[0]).toEqual({
      action: "GetNatGatewayAttribute",
      params: { RegionId: REGION, NatGatewayId: "ngw-1" },
    });
    expect(log.map((p) => [p.status, p.error?.name])).toEqual([
      ["Creating", undefined],
      ["Creating", "ThrottlingError"],
      ["Available", undefined],
    ]);
  });

  it("fails on Deleting", async () => {
    const api = fakeApi(sequence(nat("Creating"), nat("Deleting")));
    const error = (await rejection(
      waitForNatGatewayAvailable(api.vpc, REF, harness().options),
    )) as WaiterError;
    expect(error).toMatchObject({
      reason: "failure",
      lastStatus: "Deleting",
      resource: { NatGatewayId: "ngw-1" },
    });
  });

  it("times out with the last status", async () => {
    const api = fakeApi(sequence(nat("Modifying")));
    const error = (await rejection(
      waitForNatGatewayAvailable(api.vpc, REF, harness().options),
    )) as WaiterError;
    expect(error).toMatchObject({ reason: "timeout", lastStatus: "Modifying", elapsedMs: 120_000 });
  });

  it("a permission error ends the wait at once", async () => {
    const api = fakeApi(sequence(popFailure(403, "Forbidden.RAM")));
    expect(
      await rejection(waitForNatGatewayAvailable(api.vpc, REF, harness().options)),
    ).toBeInstanceOf(PermissionError);
  });
});

describe("waitForEipStatus", () => {
  const REF = { RegionId: REGION, AllocationId: "eip-1" };
  const eip = (Status: string) => ({
    EipAddresses: { EipAddress: [{ AllocationId: "eip-1", IpAddress: "47.0.0.1", Status }] },
    TotalCount: 1,
  });

  it("waits for InUse after an association", async () => {
    const api = fakeApi(sequence(eip("Available"), eip("Associating"), eip("InUse")));
    const { log, options } = harness();
    const address = await waitForEipStatus(api.vpc, REF, { ...options, status: "InUse" });
    expect(address).toMatchObject({
      AllocationId: "eip-1",
      IpAddress: "47.0.0.1",
      Status: "InUse",
    });
    expect(api.calls[0]).toEqual({
      action: "DescribeEipAddresses",
      params: { RegionId: REGION, AllocationId: "eip-1" },
    });
    expect(log.map((p) => p.status)).toEqual(["Available", "Associating", "InUse"]);
  });

  it("an option given as undefined keeps the waiter's default (timeoutMs: undefined)", async () => {
    const api = fakeApi(sequence(eip("Associating"), eip("InUse")));
    const { options } = harness();
    const address = await waitForEipStatus(api.vpc, REF, {
      ...options,
      timeoutMs: undefined,
      minDelayMs: undefined,
      status: "InUse",
    });
    expect(address.Status).toBe("InUse");
  });

  it("waits for Available after an unassociation", async () => {
    const api = fakeApi(sequence(eip("InUse"), eip("Unassociating"), eip("Available")));
    const { options } = harness();
    expect(await waitForEipStatus(api.vpc, REF, { ...options, status: "Available" })).toMatchObject(
      { Status: "Available" },
    );
  });

  it("fails when the EIP is Releasing or gone", async () => {
    const releasing = fakeApi(sequence(eip("Releasing")));
    const error = (await rejection(
      waitForEipStatus(releasing.vpc, REF, { ...harness().options, status: "InUse" }),
    )) as WaiterError;
    expect(error).toMatchObject({
      reason: "failure",
      lastStatus: "Releasing",
      waiter: "waitForEipStatus(InUse)",
    });

    const gone = fakeApi(sequence({ EipAddresses: { EipAddress: [] }, TotalCount: 0 }));
    const missing = (await rejection(
      waitForEipStatus(gone.vpc, REF, { ...harness().options, status: "Available" }),
    )) as WaiterError;
    expect(missing.reason).toBe("failure");
    expect(missing.message).toContain("eip-1 is gone (not found: released, or never allocated)");
  });

  it("times out with the last status", async () => {
    const api = fakeApi(sequence(eip("Associating")));
    const error = (await rejection(
      waitForEipStatus(api.vpc, REF, { ...harness().options, status: "InUse" }),
    )) as WaiterError;
    expect(error).toMatchObject({
      reason: "timeout",
      lastStatus: "Associating",
      elapsedMs: 120_000,
    });
  });

  it("a permission error ends the wait at once; abort stops it", async () => {
    const denied = fakeApi(sequence(popFailure(403, "Forbidden.RAM")));
    expect(
      await rejection(waitForEipStatus(denied.vpc, REF, { ...harness().options, status: "InUse" })),
    ).toBeInstanceOf(PermissionError);
    const api = fakeApi(sequence(eip("Associating")));
    const controller = new AbortController();
    const onProgress = () => controller.abort();
    const error = await rejection(
      waitForEipStatus(api.vpc, REF, {
        ...harness().options,
        onProgress,
        signal: controller.signal,
        status: "InUse",
      }),
    );
    expect(error).toBeInstanceOf(AbortError);
    expect(api.calls).toHaveLength(1);
  });
});
