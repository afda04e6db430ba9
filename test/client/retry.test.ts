import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import {
  AbortError,
  type AttemptInfo,
  ConnectionError,
  createEciClient,
  createSlbClient,
  PopError,
  ThrottlingError,
  TimeoutError,
} from "../../src/index.js";
import {
  hang,
  json,
  KEYS,
  netError,
  popErrorBody,
  type Reply,
  scriptedFetch,
  track,
} from "../helpers.js";

const GROUP = {
  RegionId: "cn-hangzhou",
  ContainerGroupName: "web",
  Container: [{ Name: "nginx", Image: "nginx:1.25" }],
};

/** A client whose waits are recorded, not slept: `random` pinned so jitter is predictable. */
function eciWith(replies: Reply[], extra: Parameters<typeof createEciClient>[0] | object = {}) {
  const { fetch, sent } = scriptedFetch(...replies);
  const attempts: AttemptInfo[] = [];
  const eci = createEciClient({
    regionId: "cn-hangzhou",
    credentials: KEYS,
    fetch,
    random: () => 0, // full jitter picks 0 ms: retries run at once
    onAttempt: (info) => attempts.push(info),
    ...extra,
  });
  return { eci, sent, attempts };
}

describe("retries", () => {
  it("503 then 200: succeeds, with the same ClientToken on both attempts and a fresh signature", async () => {
    const { eci, sent, attempts } = eciWith([
      json(popErrorBody("ServiceUnavailable"), 503),
      json({ RequestId: "r2", ContainerGroupId: "eci-new" }),
    ]);
    const out = await eci.createContainerGroup(GROUP);
    expect(out.ContainerGroupId).toBe("eci-new");
    expect(sent).toHaveLength(2);
    const [first, second] = sent;
    expect(first?.params.ClientToken).toMatch(/^[0-9a-f-]{36}$/);
    expect(second?.params.ClientToken).toBe(first?.params.ClientToken);
    expect(second?.headers["x-acs-signature-nonce"]).not.toBe(
      first?.headers["x-acs-signature-nonce"],
    );
    expect(second?.headers.authorization).not.toBe(first?.headers.authorization);
    expect(attempts.map((a) => [a.attempt, a.statusCode, a.errorCode])).toEqual([
      [1, 503, "ServiceUnavailable"],
      [2, 200, undefined],
    ]);
  });

  it("keeps a ClientToken the caller gave", async () => {
    const { eci, sent } = eciWith([
      json(popErrorBody("InternalError"), 500),
      json({ RequestId: "r" }),
    ]);
    await eci.createContainerGroup({ ...GROUP, ClientToken: "my-token-1" });
    expect(sent.map((s) => s.params.ClientToken)).toEqual(["my-token-1", "my-token-1"]);
  });

  it("throttling (HTTP 400) is retried and x-acs-retry-after sets the wait", async () => {
    const { eci, sent, attempts } = eciWith([
      json(popErrorBody("Throttling.User"), 400, { "x-acs-retry-after": "25" }),
      json({ RequestId: "r", Regions: [] }),
    ]);
    await eci.describeRegions({ RegionId: "cn-hangzhou" });
    expect(sent).toHaveLength(2);
    expect(attempts[0]).toMatchObject({ errorCode: "Throttling.User", delayMs: 25 });
  });

  it("gives up after maxAttempts and says how many attempts were made", async () => {
    const { eci, sent } = eciWith([json(popErrorBody("Throttling"), 400)]);
    const error = (await eci
      .describeRegions({ RegionId: "cn-hangzhou" })
      .catch((e) => e)) as PopError;
    expect(error).toBeInstanceOf(ThrottlingError);
    expect(error.attempts).toBe(3);
    expect(error.message).toContain("(after 3 attempts)");
    expect(sent).toHaveLength(3);
  });

  it("maxAttempts is configurable per client and per call; retry: false sends once", async () => {
    const a = eciWith([json(popErrorBody("InternalError"), 500)], { retry: { maxAttempts: 5 } });
    await a.eci.describeRegions({ RegionId: "cn-hangzhou" }).catch(() => {});
    expect(a.sent).toHaveLength(5);
    const b = eciWith([json(popErrorBody("InternalError"), 500)], { retry: false });
    await b.eci.describeRegions({ RegionId: "cn-hangzhou" }).catch(() => {});
    expect(b.sent).toHaveLength(1);
    const c = eciWith([json(popErrorBody("InternalError"), 500)]);
    await c.eci
      .describeRegions({ RegionId: "cn-hangzhou" }, { retry: { maxAttempts: 2 } })
      .catch(() => {});
    expect(c.sent).toHaveLength(2);
  });

  it.each([
    ["InvalidParameter", 400],
    ["MissingParameter", 400],
    ["SignatureDoesNotMatch", 400],
    ["InvalidAccessKeyId.NotFound", 404],
    ["Forbidden.RAM", 403],
    ["InvalidContainerGroupId.NotFound", 404],
  ])("never retries %s", async (code, status) => {
    const { eci, sent } = eciWith([json(popErrorBody(code), status)]);
    await expect(eci.describeRegions({ RegionId: "cn-hangzhou" })).rejects.toBeInstanceOf(PopError);
    expect(sent).toHaveLength(1);
  });

  it("backoff is exponential with full jitter and capped", async () => {
    const { eci, attempts } = eciWith([json(popErrorBody("InternalError"), 500)], {
      random: () => 0.999,
      retry: { maxAttempts: 4, baseDelayMs: 1, maxDelayMs: 3 },
    });
    await eci.describeRegions({ RegionId: "cn-hangzhou" }).catch(() => {});
    expect(attempts.map((a) => a.delayMs)).toEqual([0, 1, 2, undefined]);
  });
});

describe("no duplicates", () => {
  it("a reset after sending a mutating call without ClientToken is not retried", async () => {
    const { eci, sent } = eciWith([netError("ECONNRESET"), json({ RequestId: "r" })]);
    const error = await eci
      .execContainerCommand({
        RegionId: "cn-hangzhou",
        ContainerGroupId: "eci-1",
        ContainerName: "c",
        Command: ["ls"],
      })
      .catch((e) => e);
    expect(error).toBeInstanceOf(ConnectionError);
    expect(error.notSent).toBe(false);
    expect(sent).toHaveLength(1);
  });

  it("a refused connection proves nothing was processed: even a mutating call is retried", async () => {
    const { eci, sent } = eciWith([
      netError("ECONNREFUSED"),
      json({ RequestId: "r", HttpUrl: "wss://x" }),
    ]);
    await eci.execContainerCommand({
      RegionId: "cn-hangzhou",
      ContainerGroupId: "eci-1",
      ContainerName: "c",
      Command: ["ls"],
    });
    expect(sent).toHaveLength(2);
  });

  it("throttling proves nothing was processed: a mutating call without ClientToken is retried", async () => {
    const { fetch, sent } = scriptedFetch(
      json(popErrorBody("Throttling.Api"), 400),
      json({ RequestId: "r" }),
    );
    const slb = createSlbClient({
      regionId: "cn-hangzhou",
      credentials: KEYS,
      fetch,
      random: () => 0,
    });
    await slb.addBackendServers({ LoadBalancerId: "lb-1", BackendServers: [{ ServerId: "i-1" }] });
    expect(sent).toHaveLength(2);
  });

  it("a 500 on a mutating call without ClientToken is not retried (it may have been processed)", async () => {
    const { fetch, sent } = scriptedFetch(
      json(popErrorBody("InternalError"), 500),
      json({ RequestId: "r" }),
    );
    const slb = createSlbClient({
      regionId: "cn-hangzhou",
      credentials: KEYS,
      fetch,
      random: () => 0,
    });
    await expect(
      slb.addBackendServers({ LoadBalancerId: "lb-1", BackendServers: [{ ServerId: "i-1" }] }),
    ).rejects.toThrow("InternalError");
    expect(sent).toHaveLength(1);
  });

  it("connection errors and resets on read-only actions are retried", async () => {
    const { eci, sent } = eciWith([
      netError("ECONNRESET"),
      netError("ETIMEDOUT"),
      json({ RequestId: "r" }),
    ]);
    await eci.describeRegions({ RegionId: "cn-hangzhou" });
    expect(sent).toHaveLength(3);
  });
});

// On vitest's fake timers: the per-attempt timers, the deadline and the backoff waits run on
// a clock the test moves, so each limit is checked to the millisecond, never slept through.
describe("timeouts and cancellation", () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it("a per-attempt timeout is retried for safe calls, then fails with TimeoutError", async () => {
    const { eci, sent } = eciWith([hang], { timeoutMs: 20 });
    const call = track(eci.describeRegions({ RegionId: "cn-hangzhou" }));
    await vi.advanceTimersByTimeAsync(19);
    expect([call.settled, sent.length]).toEqual([false, 1]); // the first attempt still has 1 ms
    await vi.advanceTimersByTimeAsync(1);
    expect(sent).toHaveLength(2); // timed out at 20 ms, retried at once (jitter 0)
    await vi.advanceTimersByTimeAsync(40);
    expect(call.error).toBeInstanceOf(TimeoutError);
    expect(call.error).toMatchObject({ attempts: 3 });
    expect((call.error as Error).message).toContain("no answer within 20 ms");
    expect(sent).toHaveLength(3);
  });

  it("a timeout on a mutating call without ClientToken is not retried", async () => {
    const { eci, sent } = eciWith([hang], { timeoutMs: 20 });
    const call = track(
      eci.execContainerCommand(
        { RegionId: "cn-hangzhou", ContainerGroupId: "eci-1", ContainerName: "c", Command: ["ls"] },
        { timeoutMs: 10 },
      ),
    );
    await vi.advanceTimersByTimeAsync(9);
    expect(call.settled).toBe(false);
    await vi.advanceTimersByTimeAsync(1); // the call's own 10 ms, not the client's 20
    expect(call.error).toBeInstanceOf(TimeoutError);
    expect((call.error as Error).message).toContain("no answer within 10 ms");
    await vi.advanceTimersByTimeAsync(1_000);
    expect(sent).toHaveLength(1);
  });

  it("the overall deadline cuts the attempt in flight short of its own timeout", async () => {
    const { eci, sent } = eciWith([hang], {
      timeoutMs: 1000,
      deadlineMs: 30,
      retry: { maxAttempts: 10 },
    });
    const call = track(eci.describeRegions({ RegionId: "cn-hangzhou" }));
    await vi.advanceTimersByTimeAsync(29);
    expect(call.settled).toBe(false);
    await vi.advanceTimersByTimeAsync(1); // at the deadline, 970 ms before the attempt's limit
    expect(call.error).toBeInstanceOf(TimeoutError);
    expect((call.error as Error).message).toContain("no answer within 30 ms");
    await vi.advanceTimersByTimeAsync(10_000);
    expect(sent).toHaveLength(1); // no attempt after the deadline
  });

  it("the overall deadline leaves out a retry whose wait would end past it", async () => {
    const { eci, sent, attempts } = eciWith([json(popErrorBody("ServiceUnavailable"), 503)], {
      random: () => 0.5,
      deadlineMs: 50,
      retry: { maxAttempts: 10, baseDelayMs: 40, maxDelayMs: 40 },
    });
    const call = track(eci.describeRegions({ RegionId: "cn-hangzhou" }));
    await vi.advanceTimersByTimeAsync(19);
    expect(sent).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(1); // the 20 ms wait (jitter 0.5 of 40 ms) ends at 20 ms
    expect(sent).toHaveLength(2);
    // another 20 ms wait would end at 40 ms, before the deadline: taken; one more would end
    // at 60 ms, after it: the call fails at 40 ms with the last answer instead of waiting
    await vi.advanceTimersByTimeAsync(20);
    expect(sent).toHaveLength(3);
    expect(call.error).toBeInstanceOf(PopError);
    expect(call.error).toMatchObject({ code: "ServiceUnavailable", attempts: 3 });
    expect(attempts.map((a) => a.delayMs)).toEqual([20, 20, undefined]);
  });

  it("aborting during the request rejects with AbortError and does not retry", async () => {
    const controller = new AbortController();
    const { eci, sent } = eciWith([
      (s, signal) => {
        setTimeout(() => controller.abort(), 5);
        return hang(s, signal);
      },
    ]);
    const call = track(
      eci.describeRegions({ RegionId: "cn-hangzhou" }, { signal: controller.signal }),
    );
    await vi.advanceTimersByTimeAsync(4);
    expect(call.settled).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    expect(call.error).toBeInstanceOf(AbortError);
    expect((call.error as Error).name).toBe("AbortError");
    await vi.advanceTimersByTimeAsync(60_000);
    expect(sent).toHaveLength(1);
  });

  it("aborting during a backoff wait cancels it at once", async () => {
    const controller = new AbortController();
    const { eci, sent, attempts } = eciWith(
      [json(popErrorBody("Throttling"), 400, { "x-acs-retry-after": "60000" })],
      {
        retry: { maxAttempts: 3, maxDelayMs: 60_000 },
        onAttempt: (info: AttemptInfo) => {
          attempts.push(info);
          setTimeout(() => controller.abort(new Error("user left")), 5);
        },
      },
    );
    const call = track(
      eci.describeRegions({ RegionId: "cn-hangzhou" }, { signal: controller.signal }),
    );
    await vi.advanceTimersByTimeAsync(4);
    expect(attempts.map((a) => a.delayMs)).toEqual([60_000]); // waiting out the retry-after
    expect(call.settled).toBe(false);
    await vi.advanceTimersByTimeAsync(1); // the abort, 59,995 ms before the wait would end
    expect(call.error).toBeInstanceOf(AbortError);
    expect(vi.getTimerCount()).toBe(0); // the wait's timer is gone, not left to fire
    expect(sent).toHaveLength(1);
  });

  it("a client-wide signal cancels every call", async () => {
    const controller = new AbortController();
    controller.abort();
    const { eci, sent } = eciWith([json({ RequestId: "r" })], { signal: controller.signal });
    await expect(eci.describeRegions({ RegionId: "cn-hangzhou" })).rejects.toBeInstanceOf(
      AbortError,
    );
    expect(sent).toHaveLength(0);
  });
});

describe("clock skew", () => {
  it("InvalidTimeStamp.Expired: corrects the clock from the Date header and retries once", async () => {
    const serverTime = new Date(Date.now() + 3 * 3600_000);
    const { eci, sent } = eciWith(
      [
        json(popErrorBody("InvalidTimeStamp.Expired"), 400, { date: serverTime.toUTCString() }),
        json({ RequestId: "r" }),
      ],
      { retry: false },
    );
    await eci.describeRegions({ RegionId: "cn-hangzhou" });
    expect(sent).toHaveLength(2);
    const sentDate = Date.parse(sent[1]?.headers["x-acs-date"] ?? "");
    expect(Math.abs(sentDate - serverTime.getTime())).toBeLessThan(60_000);
  });
});

describe("malformed answers", () => {
  it("HTML 500 on a read-only call is retried, then reported with its status", async () => {
    const { eci, sent } = eciWith([new Response("<h1>oops</h1>", { status: 500 })]);
    const error = (await eci
      .describeRegions({ RegionId: "cn-hangzhou" })
      .catch((e) => e)) as PopError;
    expect(error.code).toBe("NonJsonResponse");
    expect(error.statusCode).toBe(500);
    expect(sent).toHaveLength(3);
  });

  it("onAttempt never sees secrets", async () => {
    const { eci, attempts } = eciWith([
      json(popErrorBody("InternalError"), 500),
      json({ RequestId: "r" }),
    ]);
    await eci.describeRegions({ RegionId: "cn-hangzhou" });
    const text = JSON.stringify(attempts);
    expect(text).not.toContain(KEYS.accessKeySecret);
    expect(attempts[0]).toMatchObject({
      product: "eci",
      action: "DescribeRegions",
      attempt: 1,
      statusCode: 500,
    });
    expect(typeof attempts[0]?.durationMs).toBe("number");
  });
});
