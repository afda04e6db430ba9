// Faults on demand: what retries, waiters and timeouts meet in production, made repeatable.
import { describe, expect, it } from "vitest";
import {
  type AttemptInfo,
  ConnectionError,
  type ThrottlingError,
  TimeoutError,
} from "../../src/index.js";
import { expectPopError, setup } from "./helpers.js";

const RegionId = "cn-hangzhou";
const fastRetry = { maxAttempts: 3, baseDelayMs: 1, throttlingBaseDelayMs: 1 };
const group = {
  RegionId,
  ContainerGroupName: "gg",
  Container: [{ Name: "c", Image: "nginx:1.25" }],
};

describe("throttling", () => {
  it("throttle(share) answers that share of calls with Throttling.User (400), the same calls for the same seed", async () => {
    const pattern = async (seed: number) => {
      const { fake, eci } = setup({ seed });
      fake.faults.throttle(0.5);
      const outcomes: string[] = [];
      for (let i = 0; i < 20; i++) {
        outcomes.push(
          await eci.describeRegions({}).then(
            () => "ok",
            (e: ThrottlingError) => `${e.name}:${e.code}:${e.statusCode}`,
          ),
        );
      }
      return outcomes;
    };
    const first = await pattern(7);
    expect(first).toContain("ThrottlingError:Throttling.User:400");
    expect(first).toContain("ok");
    expect(await pattern(7)).toEqual(first);
    expect(await pattern(8)).not.toEqual(first);
  });

  it("a throttled call is retried by the SDK until it gets through", async () => {
    const { fake, eci } = setup({}, { retry: fastRetry });
    fake.faults.failNext("DescribeRegions", { count: 2, code: "Throttling.User" });
    await eci.describeRegions({});
    expect(fake.requests.map((r) => [r.status, r.code ?? ""])).toEqual([
      [400, "Throttling.User"],
      [400, "Throttling.User"],
      [200, ""],
    ]);
  });
});

describe("failNext", () => {
  it("fails the next calls with the given code and status; a ClientToken retry creates one group", async () => {
    const { fake, eci } = setup({}, { retry: fastRetry });
    fake.faults.failNext("CreateContainerGroup", { count: 2 });
    const { ContainerGroupId } = await eci.createContainerGroup(group);
    expect(fake.requests.map((r) => [r.status, r.code ?? ""])).toEqual([
      [503, "ServiceUnavailable"],
      [503, "ServiceUnavailable"],
      [200, ""],
    ]);
    expect(fake.state.eci.containerGroups.map((g) => g.ContainerGroupId)).toEqual([
      ContainerGroupId,
    ]);
  });

  it("a custom code, status and retry-after reach the client", async () => {
    const attempts: AttemptInfo[] = [];
    const { fake, eci } = setup({}, { retry: fastRetry, onAttempt: (a) => attempts.push(a) });
    fake.faults.failNext("*", { code: "InternalError", status: 500, retryAfterMs: 7 });
    await eci.describeRegions({});
    expect(attempts[0]).toMatchObject({ statusCode: 500, errorCode: "InternalError", delayMs: 7 });
    fake.faults.failNext("DescribeRegions", {
      code: "Forbidden.RAM",
      status: 403,
      message: "You are not authorized.",
    });
    const error = await expectPopError(eci.describeRegions({}), "Forbidden.RAM", 403);
    expect(error.message).toContain("You are not authorized.");
  });

  it("a call without ClientToken is not retried after a 503: it may have been carried out", async () => {
    const { fake, slb } = setup({}, { retry: fastRetry });
    const { LoadBalancerId } = await slb.createLoadBalancer({ RegionId });
    fake.faults.failNext("CreateLoadBalancerTCPListener");
    const error = await expectPopError(
      slb.createLoadBalancerTCPListener({
        RegionId,
        LoadBalancerId: LoadBalancerId as string,
        ListenerPort: 80,
        BackendServerPort: 80,
        Bandwidth: -1,
      }),
      "ServiceUnavailable",
      503,
    );
    expect(error.attempts).toBe(1);
  });
});

describe("latency and dropped connections", () => {
  it("latency(ms) makes a call slower than the client's timeout: TimeoutError", async () => {
    const { fake, eci } = setup({}, { retry: false, timeoutMs: 20 });
    fake.faults.latency(300);
    await expect(eci.describeRegions({})).rejects.toBeInstanceOf(TimeoutError);
    fake.faults.latency(0);
    fake.faults.latency({ action: "DescribeContainerGroups", ms: 300 });
    await eci.describeRegions({});
    await expect(eci.describeContainerGroups({ RegionId })).rejects.toBeInstanceOf(TimeoutError);
  });

  it("dropConnection(): fetch rejects; a read-only call is retried", async () => {
    const { fake, eci } = setup();
    fake.faults.dropConnection("DescribeRegions");
    await expect(eci.describeRegions({})).rejects.toBeInstanceOf(ConnectionError);
    const retrying = setup({}, { retry: fastRetry });
    retrying.fake.faults.dropConnection(undefined, { count: 2 });
    await retrying.eci.describeRegions({});
    expect(retrying.fake.requests.map((r) => r.status)).toEqual([0, 0, 200]);
  });

  it("dropConnection({ afterSending }): the call happened; the retry with the same ClientToken gets the same group", async () => {
    const { fake, eci } = setup({}, { retry: fastRetry });
    fake.faults.dropConnection("CreateContainerGroup", { afterSending: true });
    const { ContainerGroupId } = await eci.createContainerGroup(group);
    expect(fake.requests.map((r) => [r.status, r.code ?? ""])).toEqual([
      [0, "ConnectionDropped"],
      [200, ""],
    ]);
    expect(fake.state.eci.containerGroups.map((g) => g.ContainerGroupId)).toEqual([
      ContainerGroupId,
    ]);
  });

  it("clear() removes every fault", async () => {
    const { fake, eci } = setup();
    fake.faults.throttle(1);
    fake.faults.failNext("*", { count: 5 });
    fake.faults.dropConnection();
    fake.faults.latency(10_000);
    fake.faults.clear();
    await eci.describeRegions({});
    expect(fake.requests.map((r) => r.status)).toEqual([200]);
  });
});
