import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { createEciClient, ValidationError } from "../../src/index.js";
import { createProxyHandler, type ProxyOptions, toNodeListener } from "../../src/proxy.js";
import { json, KEYS, popErrorBody } from "../helpers.js";
import { proxy, SESSION } from "./fixture.js";

describe("the signing proxy", () => {
  it("signs with server-side credentials and returns the upstream answer", async () => {
    const { call, upstream, audit } = proxy();
    const response = await call("eci/DescribeContainerGroups", {
      RegionId: "cn-hangzhou",
      Limit: 10,
    });
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({
      RequestId: "up-1",
      ContainerGroups: [],
      TotalCount: 0,
    });
    const sent = upstream.sent[0];
    expect(sent?.url.host).toBe("eci.cn-hangzhou.aliyuncs.com");
    expect(sent?.headers.authorization).toContain(`Credential=${KEYS.accessKeyId}`);
    expect(sent?.params).toEqual({ RegionId: "cn-hangzhou", Limit: "10" });
    expect(audit).toEqual([
      expect.objectContaining({
        principal: "alice",
        product: "eci",
        action: "DescribeContainerGroups",
        regionId: "cn-hangzhou",
        outcome: "allowed",
        status: 200,
        requestId: "up-1",
      }),
    ]);
  });

  it("unauthorized: 403 in the PopError body shape, nothing sent upstream", async () => {
    const { call, upstream, audit } = proxy();
    const response = await call(
      "eci/DescribeContainerGroups",
      { RegionId: "cn-hangzhou" },
      { "x-session": "nope" },
    );
    expect(response.status).toBe(403);
    const body = await response.json();
    expect(body).toMatchObject({
      Code: "Forbidden",
      Message: expect.any(String),
      RequestId: expect.any(String),
    });
    expect(upstream.sent).toHaveLength(0);
    expect(audit[0]).toMatchObject({ outcome: "denied", status: 403, code: "Forbidden" });
  });

  it("asks authorize first: an unauthorized caller cannot probe the allow-list", async () => {
    const { call, audit } = proxy();
    const response = await call(
      "eci/DeleteContainerGroup",
      { RegionId: "cn-hangzhou" },
      { "x-session": "nope" },
    );
    expect(response.status).toBe(403);
    expect((await response.json()).Code).toBe("Forbidden");
    expect(audit[0]?.principal).toBeUndefined();
  });

  it("refuses to start without an authorize hook (no default-open mode)", () => {
    expect(() =>
      createProxyHandler({ credentials: KEYS, allow: ["eci/*"] } as unknown as ProxyOptions),
    ).toThrow(/authorize/);
  });

  it("not allowed: 403 Forbidden.Action", async () => {
    const { call, upstream } = proxy();
    const response = await call("eci/DeleteContainerGroup", {
      RegionId: "cn-hangzhou",
      ContainerGroupId: "eci-1",
    });
    expect(response.status).toBe(403);
    expect((await response.json()).Code).toBe("Forbidden.Action");
    expect(upstream.sent).toHaveLength(0);
  });

  it("allow can be a predicate; wildcards allow a whole product", async () => {
    const a = proxy();
    expect((await a.call("vpc/DescribeVpcs", { RegionId: "cn-hangzhou" })).status).toBe(200);
    const b = proxy({ allow: ({ action }) => action.startsWith("Describe") });
    expect((await b.call("eci/DescribeContainerGroups", { RegionId: "cn-hangzhou" })).status).toBe(
      200,
    );
    expect((await b.call("eci/CreateImageCache", { RegionId: "cn-hangzhou" })).status).toBe(403);
  });

  it("bad region: outside `regions`, or not a plain region id", async () => {
    const { call, upstream } = proxy();
    for (const RegionId of ["cn-beijing", "evil.example/", "CN-HANGZHOU"]) {
      const response = await call("eci/DescribeContainerGroups", { RegionId });
      expect(response.status).toBe(403);
      expect((await response.json()).Code).toBe("Forbidden.Region");
    }
    expect(upstream.sent).toHaveLength(0);
  });

  it("oversized body: 413 before parsing", async () => {
    const { call, upstream } = proxy({ maxBodyBytes: 1024 });
    const response = await call("eci/CreateImageCache", {
      RegionId: "cn-hangzhou",
      ImageCacheName: "x".repeat(2000),
      Image: ["nginx"],
    });
    expect(response.status).toBe(413);
    expect((await response.json()).Code).toBe("RequestEntityTooLarge");
    expect(upstream.sent).toHaveLength(0);
  });

  it("invalid input: 400 in the ValidationError shape, which the browser client turns back into a ValidationError", async () => {
    const { handler, upstream } = proxy();
    const eci = createEciClient({
      regionId: "cn-hangzhou",
      proxy: "https://console.example/api/alicloud",
      proxyHeaders: { "x-session": SESSION },
      fetch: (url, init) => handler(new Request(url, init)),
    });
    const error = await eci
      .createImageCache({ RegionId: "cn-hangzhou", ImageCacheName: "c", Image: [] })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).issues).toEqual([
      { path: "Image", rule: "must have at least 1 item (got 0)" },
    ]);
    expect(upstream.sent).toHaveLength(0);
  });

  it("ignores credentials, signatures and endpoints the caller sends", async () => {
    const { call, upstream } = proxy();
    const response = await call(
      "eci/DescribeContainerGroups",
      {
        RegionId: "cn-hangzhou",
        AccessKeyId: "attacker",
        AccessKeySecret: "x",
        SecurityToken: "stolen",
        Signature: "forged",
        Endpoint: "https://evil.example",
        Action: "DeleteContainerGroup",
      },
      {
        "x-session": SESSION,
        authorization: "ACS3-HMAC-SHA256 Credential=attacker",
        host: "evil.example",
      },
    );
    expect(response.status).toBe(200);
    const sent = upstream.sent[0];
    expect(sent?.url.host).toBe("eci.cn-hangzhou.aliyuncs.com");
    expect(sent?.headers["x-acs-action"]).toBe("DescribeContainerGroups");
    expect(sent?.headers.authorization).toContain(`Credential=${KEYS.accessKeyId}`);
    expect(sent?.params).toEqual({ RegionId: "cn-hangzhou" });
  });

  it("passes upstream errors through with their status and RequestId", async () => {
    const { call } = proxy({}, json(popErrorBody("InvalidParameter", "bad Limit"), 400));
    const response = await call("eci/DescribeContainerGroups", { RegionId: "cn-hangzhou" });
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({
      Code: "InvalidParameter",
      Message: "bad Limit",
      RequestId: "7A4A78A8-FEA6-57F0-9ABC-F34866CA740C",
    });
  });

  it("rebuilds an error answer from its known fields; one that is not a POP error gets a code", async () => {
    const { call } = proxy(
      {},
      json({ ...popErrorBody("Throttling.User"), Internal: { upstreamHost: "10.1.2.3" } }, 503),
      json({ error: "gateway said no" }, 500),
    );
    const first = await call("eci/DescribeContainerGroups", { RegionId: "cn-hangzhou" });
    expect(first.status).toBe(503);
    expect(await first.json()).toEqual(popErrorBody("Throttling.User"));
    const second = await call("eci/DescribeContainerGroups", { RegionId: "cn-hangzhou" });
    expect(second.status).toBe(500);
    expect(await second.json()).toEqual({
      Code: "UnknownError",
      Message: "the upstream answered HTTP 500",
    });
  });

  it("unknown products or actions are 404; other methods 405; a non-object body 400", async () => {
    const { call, handler } = proxy();
    expect((await call("ecs/RunInstances", {})).status).toBe(404);
    expect((await call("rds/DescribeDBInstances", {})).status).toBe(404);
    expect((await call("eci/DescribeContainerGroups", "[1,2]")).status).toBe(400);
    expect((await call("eci/DescribeContainerGroups", "{not json")).status).toBe(400);
    const get = await handler(
      new Request("https://console.example/api/alicloud/eci/DescribeContainerGroups"),
    );
    expect(get.status).toBe(405);
  });

  it("CORS: answers the preflight for allowed origins only, and tags answers", async () => {
    const { handler, call } = proxy({
      cors: { origin: ["https://app.example"], allowHeaders: ["x-session"] },
    });
    const ok = await handler(
      new Request("https://api.example/api/alicloud/eci/DescribeContainerGroups", {
        method: "OPTIONS",
        headers: { origin: "https://app.example", "access-control-request-method": "POST" },
      }),
    );
    expect(ok.status).toBe(204);
    expect(ok.headers.get("access-control-allow-origin")).toBe("https://app.example");
    expect(ok.headers.get("access-control-allow-headers")).toBe("content-type, x-session");
    const denied = await handler(
      new Request("https://api.example/api/alicloud/eci/DescribeContainerGroups", {
        method: "OPTIONS",
        headers: { origin: "https://evil.example" },
      }),
    );
    expect(denied.status).toBe(403);
    expect(denied.headers.get("access-control-allow-origin")).toBeNull();
    const tagged = await call(
      "eci/DescribeContainerGroups",
      { RegionId: "cn-hangzhou" },
      { "x-session": SESSION, origin: "https://app.example" },
    );
    expect(tagged.headers.get("access-control-allow-origin")).toBe("https://app.example");
  });

  it("never puts the server's secret in an answer or the audit log", async () => {
    const { call, audit } = proxy({}, json(popErrorBody("SignatureDoesNotMatch"), 400));
    const response = await call("eci/DescribeContainerGroups", { RegionId: "cn-hangzhou" });
    expect(await response.text()).not.toContain(KEYS.accessKeySecret);
    expect(JSON.stringify(audit)).not.toContain(KEYS.accessKeySecret);
  });
});

describe("toNodeListener", () => {
  const servers: { close(): void }[] = [];
  afterEach(() => {
    for (const s of servers.splice(0)) s.close();
  });

  it("mounts the proxy on node:http", async () => {
    const { handler } = proxy();
    const server = createServer(toNodeListener(handler));
    servers.push(server);
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const { port } = server.address() as AddressInfo;
    const response = await fetch(
      `http://127.0.0.1:${port}/api/alicloud/eci/DescribeContainerGroups`,
      {
        method: "POST",
        headers: { "content-type": "application/json", "x-session": SESSION },
        body: JSON.stringify({ RegionId: "cn-hangzhou" }),
      },
    );
    expect(response.status).toBe(200);
    expect((await response.json()).RequestId).toBe("up-1");
  });

  it("takes https from X-Forwarded-Proto, so the page's https Origin is the proxy's own", async () => {
    const { handler } = proxy();
    const server = createServer(toNodeListener(handler));
    servers.push(server);
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const { port } = server.address() as AddressInfo;
    const send = (headers: Record<string, string>) =>
      fetch(`http://127.0.0.1:${port}/api/alicloud/eci/DescribeContainerGroups`, {
        method: "POST",
        headers: {
          "content-type": "application/json",
          "x-session": SESSION,
          origin: `https://127.0.0.1:${port}`,
          ...headers,
        },
        body: JSON.stringify({ RegionId: "cn-hangzhou" }),
      });
    expect((await send({ "x-forwarded-proto": "https" })).status).toBe(200);
    expect((await send({})).status).toBe(403);
  });
});
