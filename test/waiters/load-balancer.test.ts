// waitForBackendServersHealthy against a fake SLB DescribeHealthStatus.
import { describe, expect, it } from "vitest";
import { AbortError, PermissionError, ValidationError } from "../../src/index.js";
import { WaiterError, waitForBackendServersHealthy } from "../../src/waiters/index.js";
import { fakeApi, popFailure } from "../paginate/fake-api.js";
import { harness, rejection, sequence } from "./helpers.js";

const REF = { RegionId: "cn-hangzhou", LoadBalancerId: "lb-1" };
const health = (...servers: [string, string][]) => ({
  BackendServers: {
    BackendServer: servers.map(([ServerId, ServerHealthStatus]) => ({
      ServerId,
      ServerHealthStatus,
      ServerIp: "192.168.0.8",
      Port: 80,
      ListenerPort: 80,
      Protocol: "tcp",
    })),
  },
});

describe("waitForBackendServersHealthy", () => {
  it("waits until every named server is normal and returns their entries", async () => {
    const api = fakeApi(
      sequence(
        health(["eci-9", "normal"]),
        health(["eci-1", "abnormal"], ["eci-9", "normal"]),
        health(["eci-1", "normal"], ["eci-2", "unavailable"], ["eci-9", "abnormal"]),
        health(["eci-1", "normal"], ["eci-2", "normal"], ["eci-9", "abnormal"]),
      ),
    );
    const { log, options } = harness();
    const entries = await waitForBackendServersHealthy(
      api.slb,
      { ...REF, ServerIds: ["eci-1", "eci-2"] },
      options,
    );
    expect(entries.map((e) => [e.ServerId, e.ServerHealthStatus])).toEqual([
      ["eci-1", "normal"],
      ["eci-2", "normal"],
    ]);
    expect(api.calls[0]).toEqual({
      action: "DescribeHealthStatus",
      params: { RegionId: "cn-hangzhou", LoadBalancerId: "lb-1" },
    });
    expect(log.map((p) => [p.status, p.detail])).toEqual([
      ["missing", "0 of 2 normal; waiting for eci-1 not listed, eci-2 not listed"],
      ["abnormal", "0 of 2 normal; waiting for eci-1:80 abnormal, eci-2 not listed"],
      ["unavailable", "1 of 2 normal; waiting for eci-2:80 unavailable"],
      ["normal", "2 of 2 normal"],
    ]);
  });

  it("without ServerIds, waits for every listed server, and for at least one", async () => {
    const api = fakeApi(
      sequence(
        health(),
        health(["i-1", "normal"], ["eci-1", "abnormal"]),
        health(["i-1", "normal"], ["eci-1", "normal"]),
      ),
    );
    const { log, options } = harness();
    expect(await waitForBackendServersHealthy(api.slb, REF, options)).toHaveLength(2);
    expect(log.map((p) => [p.status, p.detail])).toEqual([
      ["missing", "no backends listed"],
      ["abnormal", "1 of 2 normal; waiting for eci-1:80 abnormal"],
      ["normal", "2 of 2 normal"],
    ]);
  });

  it("asks about one listener when ListenerPort is given", async () => {
    const api = fakeApi(sequence(health(["eci-1", "normal"])));
    await waitForBackendServersHealthy(api.slb, { ...REF, ListenerPort: 80 }, harness().options);
    expect(api.calls[0]?.params).toEqual({
      RegionId: "cn-hangzhou",
      LoadBalancerId: "lb-1",
      ListenerPort: "80",
    });
  });

  it("times out after 5 minutes by default, naming the servers still unhealthy", async () => {
    const api = fakeApi(sequence(health(["eci-1", "abnormal"])));
    const { clock, options } = harness();
    const error = (await rejection(
      waitForBackendServersHealthy(api.slb, { ...REF, ServerIds: ["eci-1"] }, options),
    )) as WaiterError;
    expect(error).toBeInstanceOf(WaiterError);
    expect(error).toMatchObject({ reason: "timeout", lastStatus: "abnormal", elapsedMs: 300_000 });
    expect(error.resource).toEqual([expect.objectContaining({ ServerId: "eci-1" })]);
    expect(error.message).toContain(
      "lb-1 still abnormal (0 of 1 normal; waiting for eci-1:80 abnormal)",
    );
    expect(clock.elapsed()).toBe(300_000);
  });

  it("an invalid input ends the wait before anything is sent", async () => {
    const api = fakeApi(sequence(health(["eci-1", "normal"])));
    const error = await rejection(
      waitForBackendServersHealthy(api.slb, { ...REF, ListenerPort: 70_000 }, harness().options),
    );
    expect(error).toBeInstanceOf(ValidationError);
    expect(api.calls).toHaveLength(0);
  });

  it("a permission error ends the wait at once", async () => {
    const api = fakeApi(sequence(health(["eci-1", "abnormal"]), popFailure(403, "Forbidden.RAM")));
    expect(
      await rejection(waitForBackendServersHealthy(api.slb, REF, harness().options)),
    ).toBeInstanceOf(PermissionError);
    expect(api.calls).toHaveLength(2);
  });

  it("stops on abort", async () => {
    const controller = new AbortController();
    const api = fakeApi(sequence(health(["eci-1", "abnormal"])));
    const onProgress = () => controller.abort();
    const error = await rejection(
      waitForBackendServersHealthy(api.slb, REF, {
        ...harness().options,
        onProgress,
        signal: controller.signal,
      }),
    );
    expect(error).toBeInstanceOf(AbortError);
    expect(api.calls).toHaveLength(1);
  });
});
