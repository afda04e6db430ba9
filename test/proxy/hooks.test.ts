// Defect 4: authorize failures and odd answers, prototype names in the path or the
// region, and one audit event for every request whatever path it took.
import { describe, expect, it } from "vitest";
import { BASE, proxy, SESSION } from "./fixture.js";

const INPUT = { RegionId: "cn-hangzhou" };

describe("authorize", () => {
  it("throws or rejects: 500 with a generic message, exactly one audit event", async () => {
    const hooks = [
      () => {
        throw new Error("session store at redis://10.0.0.7 is down");
      },
      () => Promise.reject(new RangeError("session store at redis://10.0.0.7 is down")),
    ];
    for (const authorize of hooks) {
      const { call, upstream, audit } = proxy({ authorize });
      const response = await call("eci/DescribeContainerGroups", INPUT);
      expect(response.status).toBe(500);
      const text = await response.text();
      expect(JSON.parse(text)).toMatchObject({ Code: "ProxyError" });
      expect(text).not.toContain("redis");
      expect(upstream.sent).toHaveLength(0);
      expect(audit).toHaveLength(1);
      expect(audit[0]).toMatchObject({ outcome: "failed", status: 500 });
      expect(audit[0]?.error).toMatch(/^authorize: (Error|RangeError)$/);
    }
  });

  it("only true or { principal: string } allows; truthy look-alikes deny", async () => {
    const lookAlikes: unknown[] = [
      "false",
      "true",
      1,
      new Boolean(false),
      new Boolean(true),
      {},
      { principal: 42 },
      { principal: undefined },
      [],
      ["alice"],
      () => true,
      undefined,
      null,
    ];
    for (const decision of lookAlikes) {
      const { call, upstream, audit } = proxy({ authorize: () => decision as boolean });
      const response = await call("eci/DescribeContainerGroups", INPUT);
      expect(response.status, String(decision)).toBe(403);
      expect((await response.json()).Code).toBe("Forbidden");
      expect(upstream.sent).toHaveLength(0);
      expect(audit).toEqual([expect.objectContaining({ outcome: "denied", code: "Forbidden" })]);
    }
    for (const decision of [true, { principal: "alice" }]) {
      const { call } = proxy({ authorize: () => decision });
      expect((await call("eci/DescribeContainerGroups", INPUT)).status).toBe(200);
    }
  });
});

describe("prototype names", () => {
  it("in the path: 404 InvalidAction.NotFound with an audit event", async () => {
    const { call, upstream, audit } = proxy({ allow: () => true, authorize: () => true });
    const paths = [
      "constructor/Foo",
      "__proto__/x",
      "eci/constructor",
      "eci/__proto__",
      "eci/hasOwnProperty",
      "vpc/toString",
      "hasOwnProperty/valueOf",
    ];
    for (const path of paths) {
      const response = await call(path, INPUT);
      expect(response.status, path).toBe(404);
      expect((await response.json()).Code).toBe("InvalidAction.NotFound");
    }
    expect(upstream.sent).toHaveLength(0);
    expect(audit).toHaveLength(paths.length);
    expect(audit.every((e) => e.outcome === "invalid" && e.status === 404)).toBe(true);
  });

  it('RegionId "constructor" (VPC without `regions`): 403 Forbidden.Region, not a 502', async () => {
    const { call, upstream, audit } = proxy({ regions: undefined });
    const response = await call("vpc/DescribeVpcs", { RegionId: "constructor" });
    expect(response.status).toBe(403);
    expect((await response.json()).Code).toBe("Forbidden.Region");
    expect(upstream.sent).toHaveLength(0);
    expect(audit).toEqual([
      expect.objectContaining({ code: "Forbidden.Region", regionId: "constructor" }),
    ]);
    // an ordinary region still works without `regions`
    expect((await call("vpc/DescribeVpcs", { RegionId: "cn-beijing" })).status).toBe(200);
    expect(upstream.sent[0]?.url.host).toBe("vpc.cn-beijing.aliyuncs.com");
  });
});

describe("the audit", () => {
  it("gets exactly one event per request: preflights, 405, 413, 415, 404, 400, 403, 200", async () => {
    const { handler, call, audit } = proxy({
      maxBodyBytes: 256,
      cors: { origin: ["https://app.example"] },
    });
    const options = (origin: string) =>
      handler(
        new Request(`${BASE}/eci/DescribeContainerGroups`, {
          method: "OPTIONS",
          headers: { origin, "access-control-request-method": "POST" },
        }),
      );
    const answers = [
      await options("https://app.example"),
      await options("https://evil.example"),
      await handler(new Request(`${BASE}/eci/DescribeContainerGroups`)),
      await call("eci/DescribeContainerGroups", { RegionId: "cn-hangzhou", X: "x".repeat(300) }),
      await call("eci/DescribeContainerGroups", "{}", { "content-type": "text/plain" }),
      await call("eci/Nope", INPUT),
      await call("eci/DescribeContainerGroups", "[]"),
      await call("eci/DescribeContainerGroups", INPUT, { "x-session": "wrong" }),
      await call("eci/DescribeContainerGroups", INPUT, {
        "x-session": SESSION,
        origin: "https://evil.example",
      }),
      await call("eci/DescribeContainerGroups", INPUT),
    ];
    const statuses = answers.map((a) => a.status);
    expect(statuses).toEqual([204, 403, 405, 413, 415, 404, 400, 403, 403, 200]);
    expect(audit.map((e) => [e.method, e.status, e.outcome])).toEqual([
      ["OPTIONS", 204, "allowed"],
      ["OPTIONS", 403, "denied"],
      ["GET", 405, "invalid"],
      ["POST", 413, "invalid"],
      ["POST", 415, "invalid"],
      ["POST", 404, "invalid"],
      ["POST", 400, "invalid"],
      ["POST", 403, "denied"],
      ["POST", 403, "denied"],
      ["POST", 200, "allowed"],
    ]);
  });

  it("an onAudit that throws changes neither the answer nor the count", async () => {
    let events = 0;
    const { call } = proxy({
      onAudit: () => {
        events++;
        throw new Error("log sink down");
      },
    });
    const response = await call("eci/DescribeContainerGroups", INPUT);
    expect(response.status).toBe(200);
    expect(events).toBe(1);
  });
});
