// waitForContainerGroupRunning / waitForContainerGroupDeleted against a fake ECI.
import { describe, expect, it } from "vitest";
import { AbortError, PermissionError } from "../../src/index.js";
import {
  ImagePullError,
  WaiterError,
  waitForContainerGroupDeleted,
  waitForContainerGroupRunning,
} from "../../src/waiters/index.js";
import { fakeApi, popFailure } from "../paginate/fake-api.js";
import { harness, rejection, sequence } from "./helpers.js";

const REF = { RegionId: "cn-hangzhou", ContainerGroupId: "eci-1" };
const group = (Status: string, extra: object = {}) => ({
  ContainerGroups: [{ ContainerGroupId: "eci-1", ContainerGroupName: "web", Status, ...extra }],
  TotalCount: 1,
});
const gone = { ContainerGroups: [], TotalCount: 0 };

const PULL_FAILED = [
  {
    Type: "Normal",
    Reason: "Scheduled",
    Message: "assigned",
    LastTimestamp: "2024-05-01T10:00:00Z",
  },
  {
    Type: "Warning",
    Reason: "Failed",
    Message: 'Failed to pull image "ngnix"',
    LastTimestamp: "2024-05-01T10:00:20Z",
  },
  {
    Type: "Normal",
    Reason: "Pulling",
    Message: 'pulling image "ngnix"',
    LastTimestamp: "2024-05-01T10:00:10Z",
  },
];

describe("waitForContainerGroupRunning", () => {
  it("returns the Running group; asks for this one group with its events", async () => {
    const api = fakeApi(
      sequence(
        group("Scheduling"),
        group("Pending"),
        group("Running", { IntranetIp: "192.168.0.8" }),
      ),
    );
    const { clock, log, options } = harness();
    const running = await waitForContainerGroupRunning(api.eci, REF, options);
    expect(running).toMatchObject({
      ContainerGroupId: "eci-1",
      Status: "Running",
      IntranetIp: "192.168.0.8",
    });
    expect(api.calls[0]).toEqual({
      action: "DescribeContainerGroups",
      params: { RegionId: "cn-hangzhou", ContainerGroupIds: '["eci-1"]', WithEvent: "true" },
    });
    // defaults: 2 s first pause, doubling with jitter 0.5
    expect(clock.sleeps).toEqual([2_000, 3_000]);
    expect(log.map((p) => [p.attempt, p.status, p.elapsedMs])).toEqual([
      [1, "Scheduling", 0],
      [2, "Pending", 2_000],
      [3, "Running", 5_000],
    ]);
  });

  it("reports the latest event as progress detail", async () => {
    const api = fakeApi(
      sequence(group("Pending", { Events: PULL_FAILED.slice(0, 1) }), group("Running")),
    );
    const { log, options } = harness();
    await waitForContainerGroupRunning(api.eci, REF, options);
    expect(log[0]?.detail).toBe("Scheduled: assigned");
  });

  for (const status of ["Failed", "ScheduleFailed", "Succeeded", "Expired"]) {
    it(`fails at once on ${status}, with the group and its latest events`, async () => {
      const api = fakeApi(sequence(group("Pending"), group(status, { Events: PULL_FAILED })));
      const { options } = harness();
      const error = await rejection(waitForContainerGroupRunning(api.eci, REF, options));
      expect(error).toBeInstanceOf(WaiterError);
      const waiterError = error as WaiterError;
      expect(waiterError).toMatchObject({
        reason: "failure",
        lastStatus: status,
        attempts: 2,
        elapsedMs: 2_000,
      });
      expect(waiterError.resource).toMatchObject({ ContainerGroupId: "eci-1", Status: status });
      expect(waiterError.events.map((e) => e.Reason)).toEqual(["Failed", "Pulling", "Scheduled"]);
      // the events name the cause: an ImagePullError (a WaiterError) says which image
      expect(error).toBeInstanceOf(ImagePullError);
      expect(error.message).toBe(
        `waitForContainerGroupRunning: eci-1 cannot pull image "ngnix": the registry answered: Failed to pull image "ngnix" (${status}, pull failed 1×) (2 polls in 2 s)`,
      );
    });
  }

  it("fails when the group disappears, keeping the last status and resource seen", async () => {
    const api = fakeApi(sequence(group("Pending"), gone));
    const { options } = harness();
    const error = (await rejection(
      waitForContainerGroupRunning(api.eci, REF, options),
    )) as WaiterError;
    expect(error).toMatchObject({
      reason: "failure",
      lastStatus: "Pending",
      resource: { Status: "Pending" },
    });
    expect(error.message).toContain("eci-1 is gone (not found: deleted, or never created)");
  });

  it("times out after 5 minutes by default with the last status and events", async () => {
    const api = fakeApi(sequence(group("Pending", { Events: PULL_FAILED.slice(0, 1) })));
    const { clock, options } = harness();
    const error = (await rejection(
      waitForContainerGroupRunning(api.eci, REF, options),
    )) as WaiterError;
    expect(error).toMatchObject({ reason: "timeout", lastStatus: "Pending", elapsedMs: 300_000 });
    expect(error.events.map((e) => e.Reason)).toEqual(["Scheduled"]);
    expect(Math.max(...clock.sleeps)).toBeLessThanOrEqual(15_000);
    expect(clock.elapsed()).toBe(300_000);
  });

  it("honours a shorter timeoutMs", async () => {
    const api = fakeApi(sequence(group("Pending")));
    const { clock, options } = harness();
    const error = (await rejection(
      waitForContainerGroupRunning(api.eci, REF, { ...options, timeoutMs: 7_000 }),
    )) as WaiterError;
    expect(error.reason).toBe("timeout");
    expect(clock.elapsed()).toBe(7_000);
  });

  it("keeps polling through throttling and server errors", async () => {
    const api = fakeApi(
      sequence(
        group("Pending"),
        popFailure(400, "Throttling.User"),
        popFailure(500, "InternalError"),
        group("Running"),
      ),
    );
    const { log, options } = harness();
    expect(await waitForContainerGroupRunning(api.eci, REF, options)).toMatchObject({
      Status: "Running",
    });
    expect(log.map((p) => [p.status, p.error?.name])).toEqual([
      ["Pending", undefined],
      ["Pending", "ThrottlingError"],
      ["Pending", "PopError"],
      ["Running", undefined],
    ]);
  });

  it("a permission error ends the wait at once", async () => {
    const api = fakeApi(
      sequence(
        group("Pending"),
        popFailure(403, "Forbidden.RAM", "no eci:DescribeContainerGroups"),
      ),
    );
    const { options } = harness();
    expect(await rejection(waitForContainerGroupRunning(api.eci, REF, options))).toBeInstanceOf(
      PermissionError,
    );
    expect(api.calls).toHaveLength(2);
  });

  it("an abort between polls rejects with AbortError", async () => {
    const controller = new AbortController();
    const api = fakeApi(sequence(group("Pending")));
    const { options } = harness();
    const onProgress = ({ attempt }: { attempt: number }) => {
      if (attempt === 2) controller.abort();
    };
    const error = await rejection(
      waitForContainerGroupRunning(api.eci, REF, {
        ...options,
        onProgress,
        signal: controller.signal,
      }),
    );
    expect(error).toBeInstanceOf(AbortError);
    expect(api.calls).toHaveLength(2);
  });

  it("an abort cancels the poll in flight", async () => {
    const controller = new AbortController();
    let inFlight: () => void = () => {};
    const started = new Promise<void>((resolve) => {
      inFlight = resolve;
    });
    const api = fakeApi((_call, signal) => {
      inFlight();
      return new Promise((_, reject) =>
        signal?.addEventListener("abort", () => reject(signal.reason)),
      );
    });
    const waiting = waitForContainerGroupRunning(api.eci, REF, {
      ...harness().options,
      signal: controller.signal,
    });
    await started;
    controller.abort();
    expect(await rejection(waiting)).toBeInstanceOf(AbortError);
  });
});

describe("waitForContainerGroupDeleted", () => {
  it("resolves once the group is no longer listed", async () => {
    const api = fakeApi(sequence(group("Running"), group("Terminating"), gone));
    const { log, options } = harness();
    await expect(waitForContainerGroupDeleted(api.eci, REF, options)).resolves.toBeUndefined();
    expect(log.map((p) => p.status)).toEqual(["Running", "Terminating", "Deleted"]);
    expect(api.calls[0]?.params).toEqual({
      RegionId: "cn-hangzhou",
      ContainerGroupIds: '["eci-1"]',
    });
  });

  it("treats a NotFound answer as deleted", async () => {
    const api = fakeApi(
      sequence(group("Terminating"), popFailure(404, "InvalidContainerGroup.NotFound")),
    );
    const { options } = harness();
    await expect(waitForContainerGroupDeleted(api.eci, REF, options)).resolves.toBeUndefined();
  });

  it("times out with the last status while the group stays", async () => {
    const api = fakeApi(sequence(group("Terminating")));
    const { options } = harness();
    const error = (await rejection(
      waitForContainerGroupDeleted(api.eci, REF, { ...options, timeoutMs: 20_000 }),
    )) as WaiterError;
    expect(error).toMatchObject({
      reason: "timeout",
      lastStatus: "Terminating",
      waiter: "waitForContainerGroupDeleted",
    });
  });

  it("a permission error ends the wait at once", async () => {
    const api = fakeApi(sequence(popFailure(403, "Forbidden.RAM")));
    const { options } = harness();
    expect(await rejection(waitForContainerGroupDeleted(api.eci, REF, options))).toBeInstanceOf(
      PermissionError,
    );
    expect(api.calls).toHaveLength(1);
  });

  it("an aborted signal stops it before any poll", async () => {
    const api = fakeApi(sequence(gone));
    const error = await rejection(
      waitForContainerGroupDeleted(api.eci, REF, {
        ...harness().options,
        signal: AbortSignal.abort(),
      }),
    );
    expect(error).toBeInstanceOf(AbortError);
    expect(api.calls).toHaveLength(0);
  });
});
