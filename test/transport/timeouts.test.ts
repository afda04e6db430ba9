// Issue 18: failures say where, and a host that never accepts fails fast. The answer limit
// (timeoutMs) and the connect limit (connectTimeoutMs) are separate; a connection that never
// opened sent nothing, so it is retried even for a call that is not safe to repeat. Real
// sockets on 127.0.0.1 with small limits (test/support/servers.ts).
import { createServer } from "node:net";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import {
  type AttemptInfo,
  ConnectionError,
  createEciClient,
  type RequestError,
  TimeoutError,
} from "../../src/index.js";
import { createNodeHttpFetch } from "../../src/node.js";
import { KEYS, netError, scriptedFetch, track } from "../helpers.js";
import { startSilentServer, startUnacceptingServer } from "../support/servers.js";
import { startTinyproxy, type Tinyproxy } from "../support/tinyproxy.js";

const regionId = "cn-hangzhou";
const exec = {
  RegionId: regionId,
  ContainerGroupId: "eci-1",
  ContainerName: "c",
  Command: ["ls"],
};

let silent: Awaited<ReturnType<typeof startSilentServer>>;
let unaccepting: Awaited<ReturnType<typeof startUnacceptingServer>>;
let proxy: Tinyproxy;

beforeAll(async () => {
  [silent, unaccepting, proxy] = await Promise.all([
    startSilentServer(),
    startUnacceptingServer(),
    startTinyproxy(),
  ]);
});

afterAll(async () => {
  await Promise.all([silent?.close(), unaccepting?.close(), proxy?.stop()]);
});

async function rejection(call: Promise<unknown>): Promise<RequestError> {
  const error = await call.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error, "the call should have failed").toBeInstanceOf(Error);
  return error as RequestError;
}

const client = (endpoint: string, options: Record<string, unknown> = {}) => {
  const attempts: AttemptInfo[] = [];
  const eci = createEciClient({
    regionId,
    endpoint,
    credentials: KEYS,
    httpProxy: false,
    random: () => 0, // no backoff wait between attempts
    onAttempt: (info) => attempts.push(info),
    ...options,
  });
  return { eci, attempts };
};

describe("a server that accepts and never answers", () => {
  it("is a TimeoutError after timeoutMs, naming the host; the connect limit is not it", async () => {
    // the attempt's timers and the client's clock on vitest's fake timers; the socket is real
    vi.useFakeTimers({ toFake: ["setTimeout", "clearTimeout", "Date"] });
    try {
      const { eci } = client(`http://127.0.0.1:${silent.port}`, {
        timeoutMs: 150,
        connectTimeoutMs: 50, // shorter, but the connection opens: only the answer is late
        retry: false,
      });
      const connected = silent.nextConnection();
      const call = track(eci.describeRegions({}));
      await connected;
      await vi.advanceTimersByTimeAsync(149); // long past the connect limit
      expect(call.settled).toBe(false);
      await vi.advanceTimersByTimeAsync(1);
      const error = await rejection(Promise.reject(call.error));
      expect(error).toBeInstanceOf(TimeoutError);
      expect(error.message).toBe(
        `DescribeRegions: 127.0.0.1:${silent.port}: no answer within 150 ms`,
      );
      expect(error).toMatchObject({ host: `127.0.0.1:${silent.port}`, notSent: false });
    } finally {
      vi.useRealTimers();
    }
  });

  it("is not retried for a call that is not safe to repeat: it may have been received", async () => {
    const { eci, attempts } = client(`http://127.0.0.1:${silent.port}`, { timeoutMs: 50 });
    const error = await rejection(eci.execContainerCommand(exec));
    expect(error).toBeInstanceOf(TimeoutError);
    expect(attempts).toHaveLength(1);
  });

  it("over https the handshake never ends: that is a connect timeout, nothing was sent", async () => {
    const { eci } = client(`https://127.0.0.1:${silent.port}`, {
      connectTimeoutMs: 80,
      retry: false,
    });
    const error = await rejection(eci.describeRegions({}));
    expect(error).toBeInstanceOf(TimeoutError);
    expect(error.message).toBe(
      `DescribeRegions: 127.0.0.1:${silent.port}: no connection within 80 ms`,
    );
    expect(error.notSent).toBe(true);
  });
});

describe("a host that never accepts the connection", () => {
  it("fails after connectTimeoutMs per attempt, and is retried even for a mutation", async () => {
    const { eci, attempts } = client(`http://127.0.0.1:${unaccepting.port}`, {
      connectTimeoutMs: 100,
      timeoutMs: 10_000,
      retry: { maxAttempts: 2 },
    });
    const error = await rejection(eci.execContainerCommand(exec));
    expect(error).toBeInstanceOf(TimeoutError);
    expect(error.message).toBe(
      `ExecContainerCommand: 127.0.0.1:${unaccepting.port}: no connection within 100 ms (after 2 attempts)`,
    );
    expect(error).toMatchObject({ host: `127.0.0.1:${unaccepting.port}`, notSent: true });
    expect(attempts.map((a) => a.errorCode)).toEqual(["TimeoutError", "TimeoutError"]);
  });

  it("through a proxy, the proxy that opens no tunnel in time is named", async () => {
    const { eci } = client(`https://127.0.0.1:${unaccepting.port}`, {
      httpProxy: proxy.url,
      connectTimeoutMs: 150,
      retry: false,
    });
    const error = await rejection(eci.describeRegions({}));
    expect(error.message).toBe(`DescribeRegions: ${proxy.host}: no connection within 150 ms`);
    expect(await proxy.seen(/^CONNECT /)).toBe(`CONNECT 127.0.0.1:${unaccepting.port}`);
  });

  it("createNodeHttpFetch takes connectTimeoutMs too", async () => {
    const fetch = createNodeHttpFetch({ connectTimeoutMs: 60, httpProxy: false });
    const error = await fetch(`http://127.0.0.1:${unaccepting.port}/`, {}).catch((e) => e);
    expect(error).toBeInstanceOf(TypeError);
    expect(error.cause).toMatchObject({
      host: `127.0.0.1:${unaccepting.port}`,
      reason: "no connection within 60 ms",
      notSent: true,
    });
  });
});

describe("connection errors name the host and port tried", () => {
  it("a refused connection, from the default transport", async () => {
    const closed = createServer().listen(0, "127.0.0.1");
    await new Promise((resolve) => closed.once("listening", resolve));
    const { port } = closed.address() as { port: number };
    await new Promise((resolve) => closed.close(resolve));
    const { eci } = client(`http://127.0.0.1:${port}`);
    const error = await rejection(eci.describeContainerGroups({ RegionId: regionId }));
    expect(error).toBeInstanceOf(ConnectionError);
    expect(error.message).toBe(
      `DescribeContainerGroups: 127.0.0.1:${port}: connection failed: ECONNREFUSED (after 3 attempts)`,
    );
    expect(error).toMatchObject({ host: `127.0.0.1:${port}`, notSent: true });
  });

  it("a failure of a fetch of the user's: the endpoint's host and the scheme's port", async () => {
    const { fetch } = scriptedFetch(netError("ENOTFOUND"));
    const eci = createEciClient({ regionId, credentials: KEYS, fetch, random: () => 0 });
    const error = await rejection(eci.describeContainerGroups({ RegionId: regionId }));
    expect(error.message).toBe(
      "DescribeContainerGroups: eci.cn-hangzhou.aliyuncs.com:443: connection failed: ENOTFOUND (after 3 attempts)",
    );
    expect(error.host).toBe("eci.cn-hangzhou.aliyuncs.com:443");
  });
});
