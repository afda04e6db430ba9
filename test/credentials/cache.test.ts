import { describe, expect, it } from "vitest";
import { cachedCredentials } from "../../src/credentials/cache.js";
import type { Credentials } from "../../src/credentials/types.js";

const MIN = 60_000;
const START = Date.parse("2030-01-01T00:00:00Z");

/** A fetcher that issues numbered credentials valid for `lifetimeMs` from the fake now. */
function issuer(clock: { now: number }, lifetimeMs = 6 * 60 * MIN) {
  const state = { calls: 0, failing: false };
  const fetcher = async (): Promise<Credentials> => {
    state.calls++;
    if (state.failing) throw new Error("metadata service down");
    return {
      accessKeyId: `STS.key-${state.calls}`,
      accessKeySecret: "s",
      securityToken: "t",
      expiration: new Date(clock.now + lifetimeMs),
    };
  };
  return { fetcher, state };
}

describe("cachedCredentials", () => {
  it("serves cached credentials until 60 minutes before expiry", async () => {
    const clock = { now: START };
    const { fetcher, state } = issuer(clock);
    const provider = cachedCredentials(fetcher, { now: () => clock.now });
    expect((await provider()).accessKeyId).toBe("STS.key-1");
    clock.now += 4 * 60 * MIN; // 2 h left
    expect((await provider()).accessKeyId).toBe("STS.key-1");
    expect(state.calls).toBe(1);
  });

  it("between 60 and 15 minutes before expiry: answers at once with the old ones and refreshes in the background", async () => {
    const clock = { now: START };
    const { fetcher, state } = issuer(clock);
    const provider = cachedCredentials(fetcher, { now: () => clock.now });
    await provider();
    clock.now += 5 * 60 * MIN + 30 * MIN; // 30 min left
    expect((await provider()).accessKeyId).toBe("STS.key-1");
    expect(state.calls).toBe(2);
    await new Promise((resolve) => setTimeout(resolve, 0)); // the background refresh lands
    expect((await provider()).accessKeyId).toBe("STS.key-2");
    expect(state.calls).toBe(2);
  });

  it("less than 15 minutes before expiry: waits for the refresh", async () => {
    const clock = { now: START };
    const { fetcher, state } = issuer(clock);
    const provider = cachedCredentials(fetcher, { now: () => clock.now });
    await provider();
    clock.now += 6 * 60 * MIN - 10 * MIN;
    expect((await provider()).accessKeyId).toBe("STS.key-2");
    expect(state.calls).toBe(2);
  });

  it("keeps credentials without expiration for good", async () => {
    let calls = 0;
    const provider = cachedCredentials(async () => ({
      accessKeyId: `k${++calls}`,
      accessKeySecret: "s",
    }));
    await provider();
    await provider();
    expect(calls).toBe(1);
  });

  it("shares one fetch among 50 concurrent first calls", async () => {
    let calls = 0;
    let release: () => void = () => {};
    const gate = new Promise<void>((resolve) => {
      release = resolve;
    });
    const provider = cachedCredentials(async () => {
      calls++;
      await gate;
      return {
        accessKeyId: "STS.k",
        accessKeySecret: "s",
        expiration: new Date(Date.now() + 6 * 3600_000),
      };
    });
    const all = Array.from({ length: 50 }, () => provider());
    release();
    const results = await Promise.all(all);
    expect(calls).toBe(1);
    expect(new Set(results).size).toBe(1);
  });

  it("shares one refresh among 50 concurrent calls near expiry", async () => {
    const clock = { now: START };
    const { fetcher, state } = issuer(clock);
    const provider = cachedCredentials(fetcher, { now: () => clock.now });
    await provider();
    clock.now += 6 * 60 * MIN - 5 * MIN;
    const results = await Promise.all(Array.from({ length: 50 }, () => provider()));
    expect(state.calls).toBe(2);
    expect(results.every((c) => c.accessKeyId === "STS.key-2")).toBe(true);
  });

  it("a failed refresh keeps the still-valid credentials, retries after a minute, and throws once they expired", async () => {
    const clock = { now: START };
    const { fetcher, state } = issuer(clock);
    const provider = cachedCredentials(fetcher, { now: () => clock.now });
    await provider();
    state.failing = true;
    clock.now += 6 * 60 * MIN - 10 * MIN; // stale: a refresh is due and fails
    expect((await provider()).accessKeyId).toBe("STS.key-1");
    expect(state.calls).toBe(2);
    expect((await provider()).accessKeyId).toBe("STS.key-1"); // within the retry delay: no request
    expect(state.calls).toBe(2);
    clock.now += MIN + 1;
    expect((await provider()).accessKeyId).toBe("STS.key-1");
    expect(state.calls).toBe(3);
    clock.now += 10 * MIN; // expired
    await expect(provider()).rejects.toThrow("metadata service down");
    state.failing = false;
    expect((await provider()).accessKeyId).toBe("STS.key-5");
  });

  it("a failed background refresh is not an error either", async () => {
    const clock = { now: START };
    const { fetcher, state } = issuer(clock);
    const provider = cachedCredentials(fetcher, { now: () => clock.now });
    await provider();
    state.failing = true;
    clock.now += 5 * 60 * MIN + 10 * MIN; // 50 min left
    expect((await provider()).accessKeyId).toBe("STS.key-1");
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(state.calls).toBe(2);
  });

  it("propagates the first failure and tries again on the next call", async () => {
    let calls = 0;
    const provider = cachedCredentials(async () => {
      if (++calls === 1) throw new Error("not yet");
      return { accessKeyId: "k", accessKeySecret: "s" };
    });
    await expect(provider()).rejects.toThrow("not yet");
    expect((await provider()).accessKeyId).toBe("k");
  });

  it("takes other margins", async () => {
    const clock = { now: START };
    const { fetcher, state } = issuer(clock, 60 * MIN);
    const provider = cachedCredentials(fetcher, {
      now: () => clock.now,
      refreshMarginMs: 5 * MIN,
      prefetchMarginMs: 5 * MIN,
    });
    await provider();
    clock.now += 50 * MIN;
    await provider();
    expect(state.calls).toBe(1);
    clock.now += 6 * MIN;
    expect((await provider()).accessKeyId).toBe("STS.key-2");
  });
});
