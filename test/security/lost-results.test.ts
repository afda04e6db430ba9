// Issue 14, defects 8–10: an answer that cannot be read is an error (carrying the
// ClientToken), credentials are awaited under the call's limits, and cached keys are
// never served in their last seconds.
import { describe, expect, it, vi } from "vitest";
import { cachedCredentials } from "../../src/credentials/cache.js";
import {
  AbortError,
  type Credentials,
  createEciClient,
  InvalidResponseError,
  TimeoutError,
} from "../../src/index.js";
import { json, KEYS, type Reply, scriptedFetch } from "../helpers.js";

const GROUP = {
  RegionId: "cn-hangzhou",
  ContainerGroupName: "web",
  Container: [{ Name: "nginx", Image: "nginx:1.25" }],
};

function eciWith(replies: Reply[], extra: object = {}) {
  const { fetch, sent } = scriptedFetch(...replies);
  const eci = createEciClient({
    regionId: "cn-hangzhou",
    credentials: KEYS,
    fetch,
    random: () => 0,
    ...extra,
  });
  return { eci, sent };
}

describe("answers that cannot be read", () => {
  it.each([
    ["an empty body", ""],
    ["a JSON array", "[]"],
    ["a JSON string", '"ok"'],
    ["a cut-short body", '{"RequestId":"r","ContainerGroupId":"eci-'],
  ])("a 200 with %s is an error carrying the generated ClientToken", async (_, body) => {
    const { eci, sent } = eciWith([new Response(body, { status: 200 })], { retry: false });
    const error = await eci.createContainerGroup(GROUP).catch((e) => e);
    expect(error).toBeInstanceOf(InvalidResponseError);
    expect(error.clientToken).toBe(sent[0]?.params.ClientToken);
    expect(error.clientToken).toMatch(/^[0-9a-f-]{36}$/);
  });

  it("a create with a ClientToken is retried after an empty 200, with the same token", async () => {
    const { eci, sent } = eciWith([
      new Response("", { status: 200 }),
      json({ RequestId: "r2", ContainerGroupId: "eci-1" }),
    ]);
    const out = await eci.createContainerGroup(GROUP);
    expect(out.ContainerGroupId).toBe("eci-1");
    expect(sent).toHaveLength(2);
    expect(sent[1]?.params.ClientToken).toBe(sent[0]?.params.ClientToken);
  });

  it("a mutation without a ClientToken is not repeated after an empty 200", async () => {
    const { eci, sent } = eciWith([new Response("", { status: 200 }), json({ RequestId: "r" })]);
    const error = await eci
      .tagResources({
        RegionId: "cn-hangzhou",
        ResourceType: "ContainerGroup",
        ResourceId: ["eci-1"],
        Tag: [{ Key: "env", Value: "prod" }],
      })
      .catch((e) => e);
    expect(error).toBeInstanceOf(InvalidResponseError);
    expect(error.clientToken).toBeUndefined();
    expect(sent).toHaveLength(1);
  });
});

describe("credentials under the call's limits", () => {
  const never = () => new Promise<Credentials>(() => {});

  it("deadlineMs applies while a provider never settles", async () => {
    vi.useFakeTimers();
    try {
      const { eci, sent } = eciWith([json({})], { credentials: never });
      const call = eci
        .describeRegions({ RegionId: "cn-hangzhou" }, { deadlineMs: 500 })
        .catch((e) => e);
      await vi.advanceTimersByTimeAsync(500);
      const error = await call;
      expect(error).toBeInstanceOf(TimeoutError);
      expect(error.message).toContain("no credentials within 500 ms");
      expect(sent).toHaveLength(0);
    } finally {
      vi.useRealTimers();
    }
  });

  it("timeoutMs applies too, and the AbortSignal cancels the wait", async () => {
    vi.useFakeTimers();
    try {
      const { eci } = eciWith([json({})], { credentials: never, timeoutMs: 1000 });
      const timed = eci.describeRegions({ RegionId: "cn-hangzhou" }).catch((e) => e);
      await vi.advanceTimersByTimeAsync(1000);
      expect(await timed).toBeInstanceOf(TimeoutError);

      const controller = new AbortController();
      const aborted = eci
        .describeRegions({ RegionId: "cn-hangzhou" }, { signal: controller.signal })
        .catch((e) => e);
      controller.abort();
      expect(await aborted).toBeInstanceOf(AbortError);
    } finally {
      vi.useRealTimers();
    }
  });
});

describe("credential caching at the edges", () => {
  it("keys that live under a minute are not served in their last seconds", async () => {
    let now = Date.parse("2030-01-01T00:00:00Z");
    let issued = 0;
    const provider = cachedCredentials(
      async () => ({
        accessKeyId: `STS.k${++issued}`,
        accessKeySecret: "s",
        securityToken: "t",
        expiration: new Date(now + 50_000),
      }),
      { now: () => now },
    );
    await provider(); // k1 until +50 s, inside the 1-minute retry delay of its own fetch
    now += 49_900; // a wave of calls 100 ms before k1 expires
    const wave = await Promise.all(Array.from({ length: 1000 }, () => provider()));
    const expiring = wave.filter((c) => (c.expiration?.getTime() ?? 0) - now < 10_000);
    expect(expiring).toHaveLength(0);
    expect(issued).toBe(2); // one refresh for the whole wave
  });

  it("a plain function passed as credentials gets single flight: 1,000 concurrent calls, one invocation", async () => {
    let invocations = 0;
    let asked: () => void = () => {};
    const firstAsk = new Promise<void>((resolve) => {
      asked = resolve;
    });
    let release: () => void = () => {};
    const issued = new Promise<void>((resolve) => {
      release = resolve;
    });
    const credentials = async (): Promise<Credentials> => {
      invocations++;
      asked();
      await issued; // held until every call has asked
      return { ...KEYS, expiration: new Date(Date.now() + 3_600_000 * 6) };
    };
    const { eci, sent } = eciWith([json({ RequestId: "r" })], { credentials });
    const calls = Promise.all(
      Array.from({ length: 1000 }, () => eci.describeRegions({ RegionId: "cn-hangzhou" })),
    );
    await firstAsk; // the others are right behind the first, on the same path
    await new Promise((resolve) => setImmediate(resolve));
    expect([invocations, sent.length]).toEqual([1, 0]); // all waiting on one invocation
    release();
    await calls;
    expect(invocations).toBe(1);
    expect(sent).toHaveLength(1000);
  });
});
