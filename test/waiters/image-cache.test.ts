// waitForImageCacheReady against a fake ECI.
import { describe, expect, it } from "vitest";
import { AbortError, PermissionError } from "../../src/index.js";
import { WaiterError, waitForImageCacheReady } from "../../src/waiters/index.js";
import { fakeApi, popFailure } from "../paginate/fake-api.js";
import { harness, rejection, sequence } from "./helpers.js";

const REF = { RegionId: "cn-hangzhou", ImageCacheId: "imc-1" };
const cache = (Status: string, extra: object = {}) => ({
  ImageCaches: [{ ImageCacheId: "imc-1", ImageCacheName: "web", Status, ...extra }],
  TotalCount: 1,
});

const EVENTS = [
  {
    Type: "Normal",
    Reason: "Created",
    Message: "build instance created",
    LastTimestamp: "2024-05-01T10:00:00Z",
  },
  {
    Type: "Warning",
    Reason: "PullImageFailed",
    Message: "registry unreachable",
    LastTimestamp: "2024-05-01T10:03:00Z",
  },
];

describe("waitForImageCacheReady", () => {
  it("returns the Ready cache, reporting build progress along the way", async () => {
    const api = fakeApi(
      sequence(
        cache("Preparing", { Progress: "0%" }),
        cache("Creating", { Progress: "45%" }),
        cache("Ready", { Progress: "100%", SnapshotId: "s-1" }),
      ),
    );
    const { clock, log, options } = harness();
    const ready = await waitForImageCacheReady(api.eci, REF, options);
    expect(ready).toMatchObject({ ImageCacheId: "imc-1", Status: "Ready", SnapshotId: "s-1" });
    expect(api.calls[0]).toEqual({
      action: "DescribeImageCaches",
      params: { RegionId: "cn-hangzhou", ImageCacheId: "imc-1" },
    });
    expect(log.map((p) => [p.attempt, p.status, p.detail, p.elapsedMs])).toEqual([
      [1, "Preparing", "0%", 0],
      [2, "Creating", "45%", 5_000],
      [3, "Ready", "100%", 12_500],
    ]);
    // defaults: 5 s first pause, doubling with jitter 0.5
    expect(clock.sleeps).toEqual([5_000, 7_500]);
  });

  it("reports each change of status or progress once, not every poll that saw it again", async () => {
    const api = fakeApi(
      sequence(
        cache("Preparing", { Progress: "0%" }),
        cache("Preparing", { Progress: "0%" }),
        cache("Creating", { Progress: "45%" }),
        cache("Creating", { Progress: "45%" }),
        cache("Creating", { Progress: "80%" }),
        cache("Ready", { Progress: "100%" }),
      ),
    );
    const { log, options } = harness();
    await waitForImageCacheReady(api.eci, REF, options);
    expect(api.calls).toHaveLength(6);
    expect(log.map((p) => [p.attempt, `${p.status} ${p.detail}`])).toEqual([
      [1, "Preparing 0%"],
      [3, "Creating 45%"],
      [5, "Creating 80%"],
      [6, "Ready 100%"],
    ]);
  });

  for (const status of ["Failed", "UpdateFailed"]) {
    it(`fails on ${status} with the cache's latest events`, async () => {
      const api = fakeApi(sequence(cache("Creating"), cache(status, { Events: EVENTS })));
      const { options } = harness();
      const error = (await rejection(waitForImageCacheReady(api.eci, REF, options))) as WaiterError;
      expect(error).toBeInstanceOf(WaiterError);
      expect(error).toMatchObject({ reason: "failure", lastStatus: status, attempts: 2 });
      expect(error.resource).toMatchObject({ ImageCacheId: "imc-1", Status: status });
      expect(error.events.map((e) => e.Reason)).toEqual(["PullImageFailed", "Created"]);
      expect(error.message).toContain(`imc-1 is ${status} (PullImageFailed: registry unreachable)`);
    });
  }

  it("fails when the cache is not listed", async () => {
    const api = fakeApi(sequence({ ImageCaches: [], TotalCount: 0 }));
    const { options } = harness();
    const error = (await rejection(waitForImageCacheReady(api.eci, REF, options))) as WaiterError;
    expect(error).toMatchObject({
      reason: "failure",
      lastStatus: undefined,
      resource: undefined,
      attempts: 1,
    });
  });

  it("an Updating cache is waited out", async () => {
    const api = fakeApi(sequence(cache("Updating"), cache("Ready")));
    const { log, options } = harness();
    await waitForImageCacheReady(api.eci, REF, options);
    expect(log.map((p) => p.status)).toEqual(["Updating", "Ready"]);
  });

  it("times out after 10 minutes by default, with the last status and events", async () => {
    const api = fakeApi(
      sequence(cache("Creating", { Progress: "60%", Events: EVENTS.slice(0, 1) })),
    );
    const { clock, options } = harness();
    const error = (await rejection(waitForImageCacheReady(api.eci, REF, options))) as WaiterError;
    expect(error).toMatchObject({ reason: "timeout", lastStatus: "Creating", elapsedMs: 600_000 });
    expect(error.events).toHaveLength(1);
    expect(error.message).toContain("imc-1 still Creating (60%) when the 600 s timeout ran out");
    expect(Math.max(...clock.sleeps)).toBeLessThanOrEqual(30_000);
  });

  it("a permission error ends the wait at once", async () => {
    const api = fakeApi(sequence(cache("Creating"), popFailure(403, "Forbidden.RAM")));
    const { options } = harness();
    expect(await rejection(waitForImageCacheReady(api.eci, REF, options))).toBeInstanceOf(
      PermissionError,
    );
    expect(api.calls).toHaveLength(2);
  });

  it("stops on abort", async () => {
    const controller = new AbortController();
    const api = fakeApi(sequence(cache("Creating")));
    const { options } = harness();
    const onProgress = () => controller.abort();
    const error = await rejection(
      waitForImageCacheReady(api.eci, REF, { ...options, onProgress, signal: controller.signal }),
    );
    expect(error).toBeInstanceOf(AbortError);
    expect(api.calls).toHaveLength(1);
  });
});
