// nodeHttpFetch (src/transport/node-http.ts): the node:http transport the bench measures
// must answer like global fetch does, so a client can switch to it without noticing.
import { once } from "node:events";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { gzipSync } from "node:zlib";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { ConnectionError, createEciClient, TimeoutError } from "../../src/index.js";
import { createNodeHttpFetch } from "../../src/transport/node-http-fetch.js";
import { KEYS, track } from "../helpers.js";

const fetch = createNodeHttpFetch();
let server: http.Server;
let origin: string;
const stalled: http.ServerResponse[] = [];
/** Resolves with the next request that reaches `/stall` (the server never answers it). */
const stallArrivals: ((request: http.IncomingMessage) => void)[] = [];
const nextStall = () =>
  new Promise<http.IncomingMessage>((resolve) => {
    stallArrivals.push(resolve);
  });

beforeAll(async () => {
  server = http.createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on("data", (c: Buffer) => chunks.push(c));
    request.on("end", () => {
      const path = new URL(request.url ?? "/", "http://x").pathname;
      if (path === "/echo") {
        response.writeHead(201, "Made", { "content-type": "application/json", "x-extra": "1" });
        response.end(
          JSON.stringify({
            method: request.method,
            url: request.url,
            length: request.headers["content-length"],
            custom: request.headers["x-custom"],
            body: Buffer.concat(chunks).toString(),
          }),
        );
      } else if (path === "/empty") {
        response.writeHead(204).end();
      } else if (path === "/fail") {
        response.writeHead(503, { "content-type": "application/json" });
        response.end('{"Code":"ServiceUnavailable"}');
      } else if (path === "/cookies") {
        response.setHeader("set-cookie", ["a=1", "b=2"]);
        response.end("ok");
      } else if (path === "/gzip") {
        response.writeHead(200, { "content-encoding": "gzip", "content-type": "application/json" });
        response.end(gzipSync('{"RequestId":"zipped"}'));
      } else if (path === "/stall") {
        stalled.push(response);
        stallArrivals.shift()?.(request);
      } else {
        response.writeHead(200, { "content-type": "application/json" });
        response.end(
          JSON.stringify({
            RequestId: "r-1",
            TotalCount: 1,
            ContainerGroups: [{ ContainerGroupId: "eci-1" }],
          }),
        );
      }
    });
  });
  server.listen(0, "127.0.0.1");
  await once(server, "listening");
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  for (const response of stalled) response.destroy();
  server.closeAllConnections();
  server.close();
});

describe("createNodeHttpFetch", () => {
  it("sends method, query, headers and body, and answers with what global fetch answers", async () => {
    const init = {
      method: "POST",
      headers: { "x-custom": "yes", "content-type": "text/plain" },
      body: "héllo",
    };
    const ours = await fetch(`${origin}/echo?a=1&b=%2F`, init);
    const theirs = await globalThis.fetch(`${origin}/echo?a=1&b=%2F`, init);
    expect(ours).toBeInstanceOf(Response);
    expect([ours.status, ours.statusText, ours.ok]).toEqual([
      theirs.status,
      theirs.statusText,
      theirs.ok,
    ]);
    expect(ours.headers.get("x-extra")).toBe("1");
    expect(await ours.json()).toEqual(await theirs.json());
  });

  it("announces an empty body on a POST, as global fetch does", async () => {
    const answer = (await (await fetch(`${origin}/echo`, { method: "POST" })).json()) as {
      length: string;
    };
    expect(answer.length).toBe("0");
  });

  it("reads a body once, and clones before that", async () => {
    const response = await fetch(`${origin}/`, { method: "POST" });
    const copy = response.clone();
    expect(await response.text()).toContain("eci-1");
    expect(response.bodyUsed).toBe(true);
    await expect(response.text()).rejects.toThrow(TypeError);
    const stream = copy.body?.getReader();
    const { value } = (await stream?.read()) ?? {};
    expect(new TextDecoder().decode(value)).toContain("eci-1");
  });

  it("gives no body for 204, and error answers as they are", async () => {
    const empty = await fetch(`${origin}/empty`, {});
    expect([empty.status, empty.body, await empty.text()]).toEqual([204, null, ""]);
    const failed = await fetch(`${origin}/fail`, { method: "POST" });
    expect([failed.status, failed.ok, await failed.json()]).toEqual([
      503,
      false,
      { Code: "ServiceUnavailable" },
    ]);
  });

  it("keeps repeated headers and decodes gzip", async () => {
    expect((await fetch(`${origin}/cookies`, {})).headers.getSetCookie()).toEqual(["a=1", "b=2"]);
    expect(await (await fetch(`${origin}/gzip`, {})).json()).toEqual({ RequestId: "zipped" });
  });

  it("rejects with the signal's reason and closes the socket on abort", {
    timeout: 5_000,
  }, async () => {
    const controller = new AbortController();
    const arrived = nextStall();
    const pending = fetch(`${origin}/stall`, { method: "POST", signal: controller.signal });
    const { socket } = await arrived; // the request is at the server, which holds its answer
    const closed = once(socket, "close");
    const reason = new Error("stop");
    controller.abort(reason);
    await expect(pending).rejects.toBe(reason);
    // this request's own connection ends (a socket left open would keep this waiting)
    await closed;
    expect(socket.destroyed).toBe(true);
    // and the next call does not get that socket back from the keep-alive pool
    const next = await fetch(`${origin}/echo`, { method: "POST" });
    expect(next.status).toBe(201);
  });

  it("fails like global fetch when nothing listens: TypeError with the socket error as cause", async () => {
    const closed = http.createServer();
    closed.listen(0, "127.0.0.1");
    await once(closed, "listening");
    const { port } = closed.address() as AddressInfo;
    closed.close();
    const error = await fetch(`http://127.0.0.1:${port}/`, { method: "POST" }).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(TypeError);
    expect((error as { cause?: { code?: string } }).cause?.code).toBe("ECONNREFUSED");
  });
});

describe("a client on nodeHttpFetch", () => {
  const client = () =>
    createEciClient({
      regionId: "cn-hangzhou",
      credentials: KEYS,
      endpoint: origin,
      fetch,
      retry: false,
    });

  it("makes typed calls", async () => {
    const answer = await client().describeContainerGroups({ RegionId: "cn-hangzhou" });
    expect(answer.ContainerGroups?.[0]?.ContainerGroupId).toBe("eci-1");
  });

  it("times out and reports refused connections like the default transport", {
    timeout: 5_000,
  }, async () => {
    // the attempt's timer and clock on vitest's fake timers (the client reads the clock it
    // finds when made, so it is made after); the socket stays real
    vi.useFakeTimers({ toFake: ["setTimeout", "clearTimeout", "Date"] });
    try {
      const stalledClient = createEciClient({
        regionId: "cn-hangzhou",
        credentials: KEYS,
        endpoint: origin,
        fetch: (url, init) => fetch(url.replace("/?", "/stall?"), init),
        retry: false,
        timeoutMs: 50,
      });
      const arrived = nextStall();
      const call = track(stalledClient.describeContainerGroups({ RegionId: "cn-hangzhou" }));
      const { socket } = await arrived;
      const closed = once(socket, "close");
      await vi.advanceTimersByTimeAsync(49);
      expect(call.settled).toBe(false);
      await vi.advanceTimersByTimeAsync(1);
      await closed; // the stalled request is given up: its socket closes
      expect(call.error).toBeInstanceOf(TimeoutError);
      expect((call.error as Error).message).toContain("no answer within 50 ms");
    } finally {
      vi.useRealTimers();
    }

    const closed = http.createServer();
    closed.listen(0, "127.0.0.1");
    await once(closed, "listening");
    const { port } = closed.address() as AddressInfo;
    closed.close();
    const refused = createEciClient({
      regionId: "cn-hangzhou",
      credentials: KEYS,
      endpoint: `http://127.0.0.1:${port}`,
      fetch,
      retry: false,
    });
    await expect(
      refused.describeContainerGroups({ RegionId: "cn-hangzhou" }),
    ).rejects.toBeInstanceOf(ConnectionError);
  });
});
