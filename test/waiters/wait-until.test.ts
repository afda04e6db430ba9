// The polling loop itself: backoff, deadline, transient vs fatal errors, abort, progress.
import { describe, expect, it, vi } from "vitest";
import {
  AbortError,
  ConnectionError,
  PermissionError,
  PopError,
  ThrottlingError,
  ValidationError,
} from "../../src/index.js";
import { WaiterError, waitUntil } from "../../src/waiters/index.js";
import { harness, rejection } from "./helpers.js";

type Answer = { Status: string };

/** A poll that answers from a list (errors are thrown), the last entry repeating. */
function polls(...answers: (Answer | Error)[]) {
  let i = 0;
  const calls: unknown[] = [];
  const poll = async (call: unknown) => {
    calls.push(call);
    const answer = answers[Math.min(i++, answers.length - 1)];
    if (answer instanceof Error) throw answer;
    return answer as Answer;
  };
  return { poll, calls };
}

const check = (a: Answer) =>
  a.Status === "Done"
    ? ({ state: "success", value: a, status: a.Status } as const)
    : a.Status === "Broken"
      ? ({ state: "failure", status: a.Status, resource: a, detail: "it broke" } as const)
      : ({ state: "pending", status: a.Status, resource: a } as const);

const throttled = () =>
  new ThrottlingError({ statusCode: 400, body: { Code: "Throttling.User", Message: "slow down" } });
const serverError = () =>
  new PopError({ statusCode: 503, body: { Code: "ServiceUnavailable", Message: "busy" } });
const forbidden = () =>
  new PermissionError({ statusCode: 403, body: { Code: "Forbidden.RAM", Message: "not allowed" } });

describe("waitUntil", () => {
  it("returns the success value after pending polls, pausing with exponential backoff and jitter", async () => {
    const { clock, log, options } = harness();
    const { poll } = polls(
      { Status: "A" },
      { Status: "B" },
      { Status: "B" },
      { Status: "B" },
      { Status: "Done" },
    );
    const value = await waitUntil({
      ...options,
      timeoutMs: 60_000,
      minDelayMs: 1_000,
      maxDelayMs: 5_000,
      poll,
      check,
    });
    expect(value).toEqual({ Status: "Done" });
    // jitter 0.5 between the minimum and the doubling cap (1, 2, 4, 8→5 s)
    expect(clock.sleeps).toEqual([1_000, 1_500, 2_500, 3_000]);
    expect(log.map((p) => [p.attempt, p.status, p.elapsedMs])).toEqual([
      [1, "A", 0],
      [2, "B", 1_000],
      [3, "B", 2_500],
      [4, "B", 5_000],
      [5, "Done", 8_000],
    ]);
  });

  it("jitter spans the minimum to the cap", async () => {
    for (const [random, expected] of [
      [0, [1_000, 1_000, 1_000]],
      [0.999_999, [1_000, 2_000, 4_000]],
    ] as const) {
      const { clock, options } = harness();
      const { poll } = polls({ Status: "A" }, { Status: "A" }, { Status: "A" }, { Status: "Done" });
      await waitUntil({
        ...options,
        random: () => random,
        timeoutMs: 60_000,
        minDelayMs: 1_000,
        poll,
        check,
      });
      expect(clock.sleeps).toEqual(expected);
    }
  });

  it("a failure state throws WaiterError at once with the status, resource and detail", async () => {
    const { options } = harness();
    const { poll, calls } = polls({ Status: "A" }, { Status: "Broken" });
    const error = await rejection(
      waitUntil({
        ...options,
        timeoutMs: 60_000,
        name: "waitForThing",
        subject: "thing-1",
        poll,
        check,
      }),
    );
    expect(error).toBeInstanceOf(WaiterError);
    expect(error).toMatchObject({
      waiter: "waitForThing",
      reason: "failure",
      lastStatus: "Broken",
      resource: { Status: "Broken" },
      attempts: 2,
      elapsedMs: 1_000,
      events: [],
    });
    expect(error.message).toBe("waitForThing: thing-1 is Broken (it broke) (2 polls in 1 s)");
    expect(calls).toHaveLength(2);
  });

  it("times out with the last status seen, polling one last time at the deadline and never after", async () => {
    const { clock, log, options } = harness();
    const { poll } = polls({ Status: "Creating" });
    const error = await rejection(
      waitUntil({
        ...options,
        timeoutMs: 10_000,
        minDelayMs: 1_000,
        maxDelayMs: 4_000,
        name: "w",
        poll,
        check,
      }),
    );
    expect(error).toBeInstanceOf(WaiterError);
    expect(error).toMatchObject({
      reason: "timeout",
      lastStatus: "Creating",
      resource: { Status: "Creating" },
    });
    expect((error as WaiterError).elapsedMs).toBe(10_000);
    expect(clock.sleeps.reduce((a, b) => a + b, 0)).toBe(10_000);
    expect(clock.sleeps.at(-1)).toBeLessThanOrEqual(4_000);
    expect(log.at(-1)?.elapsedMs).toBe(10_000);
    expect((error as WaiterError).attempts).toBe(log.length);
    expect(error.message).toMatch(
      /^w: still Creating when the 10 s timeout ran out \(\d+ polls in 10 s\)$/,
    );
  });

  it("transient errors count as failed polls and polling goes on", async () => {
    const { log, options } = harness();
    const network = new ConnectionError("connection failed: ECONNRESET", { action: "Describe" });
    const { poll } = polls({ Status: "A" }, throttled(), serverError(), network, {
      Status: "Done",
    });
    expect(await waitUntil({ ...options, timeoutMs: 60_000, poll, check })).toEqual({
      Status: "Done",
    });
    expect(log.map((p) => [p.status, p.error?.name])).toEqual([
      ["A", undefined],
      ["A", "ThrottlingError"],
      ["A", "PopError"],
      ["A", "ConnectionError"],
      ["Done", undefined],
    ]);
    expect(log[1]?.detail).toContain("slow down");
  });

  it("a timeout while polls keep failing carries the last error as its cause", async () => {
    const { options } = harness();
    const { poll } = polls(serverError());
    const error = await rejection(waitUntil({ ...options, timeoutMs: 5_000, poll, check }));
    expect(error).toMatchObject({ reason: "timeout", lastStatus: undefined });
    expect(error.cause).toBeInstanceOf(PopError);
    expect(error.message).toContain("still not seen (last poll failed:");
  });

  it("errors that retrying cannot fix end the wait at once, as they are", async () => {
    for (const fatal of [
      forbidden(),
      new ValidationError("Describe", [{ path: "Id", rule: "is required" }]),
      new TypeError("bug"),
    ]) {
      const { options } = harness();
      const { poll, calls } = polls({ Status: "A" }, fatal, { Status: "Done" });
      expect(await rejection(waitUntil({ ...options, timeoutMs: 60_000, poll, check }))).toBe(
        fatal,
      );
      expect(calls).toHaveLength(2);
    }
  });

  it("a signal aborted before the start polls nothing", async () => {
    const { options } = harness();
    const { poll, calls } = polls({ Status: "A" });
    const error = await rejection(
      waitUntil({ ...options, signal: AbortSignal.abort("bye"), timeoutMs: 60_000, poll, check }),
    );
    expect(error).toBeInstanceOf(AbortError);
    expect(error.cause).toBe("bye");
    expect(calls).toHaveLength(0);
  });

  it("aborting during a pause rejects with AbortError and polls no more", async () => {
    const controller = new AbortController();
    const { poll, calls } = polls({ Status: "A" });
    const sleep = (_ms: number, signal?: AbortSignal) =>
      new Promise<void>((_, reject) =>
        signal?.addEventListener("abort", () => reject(signal.reason)),
      );
    const waiting = waitUntil({ sleep, signal: controller.signal, timeoutMs: 60_000, poll, check });
    await Promise.resolve();
    controller.abort(new Error("user cancelled"));
    const error = await rejection(waiting);
    expect(error).toBeInstanceOf(AbortError);
    expect(error.cause).toEqual(new Error("user cancelled"));
    expect(calls).toHaveLength(1);
  });

  it("aborting with the default timer sleep cancels the pause too", async () => {
    vi.useFakeTimers();
    try {
      const controller = new AbortController();
      const { poll, calls } = polls({ Status: "A" });
      const waiting = waitUntil({
        signal: controller.signal,
        timeoutMs: 600_000,
        minDelayMs: 300_000,
        poll,
        check,
      });
      await vi.advanceTimersByTimeAsync(1_000); // first poll done, pausing for 5 minutes
      expect([calls.length, vi.getTimerCount()]).toEqual([1, 1]);
      controller.abort();
      expect(await rejection(waiting)).toBeInstanceOf(AbortError);
      expect(vi.getTimerCount()).toBe(0); // the pause's timer is cleared, not left to fire
    } finally {
      vi.useRealTimers();
    }
  });

  it("passes the signal and a deadline within the timeout to every poll", async () => {
    const { options } = harness();
    const controller = new AbortController();
    const { poll, calls } = polls({ Status: "A" }, { Status: "Done" });
    await waitUntil({
      ...options,
      signal: controller.signal,
      timeoutMs: 30_000,
      minDelayMs: 1_000,
      poll,
      check,
    });
    expect(calls).toEqual([
      { signal: controller.signal, deadlineMs: 30_000 },
      { signal: controller.signal, deadlineMs: 29_000 },
    ]);
  });

  it("an error thrown by onProgress ends the wait", async () => {
    const { options } = harness();
    const { poll } = polls({ Status: "A" });
    const stop = new Error("stop");
    const onProgress = () => {
      throw stop;
    };
    expect(
      await rejection(waitUntil({ ...options, onProgress, timeoutMs: 60_000, poll, check })),
    ).toBe(stop);
  });

  it("rejects options that cannot work", async () => {
    const { poll } = polls({ Status: "A" });
    await expect(waitUntil({ timeoutMs: 0, poll, check })).rejects.toThrow(RangeError);
    await expect(waitUntil({ timeoutMs: Number.NaN, poll, check })).rejects.toThrow(RangeError);
    await expect(waitUntil({ timeoutMs: 1_000, minDelayMs: -1, poll, check })).rejects.toThrow(
      RangeError,
    );
    await expect(
      waitUntil({ timeoutMs: 1_000, minDelayMs: 5_000, maxDelayMs: 1_000, poll, check }),
    ).rejects.toThrow("maxDelayMs (1000) must be ≥ minDelayMs (5000)");
  });

  it("WaiterError serialises its fields without the stack or the resource", async () => {
    const { options } = harness();
    const { poll } = polls({ Status: "Broken" });
    const error = await rejection(
      waitUntil({ ...options, timeoutMs: 60_000, name: "w", poll, check }),
    );
    expect(JSON.parse(JSON.stringify(error))).toEqual({
      name: "WaiterError",
      message: error.message,
      waiter: "w",
      reason: "failure",
      lastStatus: "Broken",
      events: [],
      attempts: 1,
      elapsedMs: 0,
    });
  });
});
