// Defect 3: a page on another site must not be able to make the user's browser call the
// proxy (a form or a no-cors fetch with the user's cookies): foreign origins and
// non-JSON bodies are refused before authorize runs.
import { describe, expect, it, vi } from "vitest";
import { BASE, proxy, SESSION } from "./fixture.js";

const PATH = "eci/DescribeContainerGroups";
const BODY = JSON.stringify({ RegionId: "cn-hangzhou" });

function spied(overrides = {}) {
  const authorize = vi.fn(() => ({ principal: "alice" }));
  return {
    ...proxy({ authorize, cors: { origin: ["https://app.example"] }, ...overrides }),
    authorize,
  };
}

const post = (headers: Record<string, string>, body: BodyInit | null = BODY) =>
  new Request(`${BASE}/${PATH}`, { method: "POST", headers, body });

describe("cross-site requests", () => {
  it("a text/plain POST from a foreign Origin never reaches authorize or upstream", async () => {
    const { handler, authorize, upstream, audit } = spied();
    const response = await handler(
      post({ origin: "https://evil.example", "content-type": "text/plain", cookie: "s=1" }),
    );
    expect(response.status).toBe(403);
    expect((await response.json()).Code).toBe("Forbidden.Origin");
    expect(response.headers.get("access-control-allow-origin")).toBeNull();
    expect(authorize).not.toHaveBeenCalled();
    expect(upstream.sent).toHaveLength(0);
    expect(audit).toEqual([
      expect.objectContaining({ outcome: "denied", code: "Forbidden.Origin" }),
    ]);
  });

  it("a JSON POST from a foreign (or opaque) origin is refused the same way", async () => {
    const { handler, authorize } = spied();
    for (const origin of ["https://evil.example", "null", "https://console.example.evil"]) {
      const response = await handler(post({ origin, "content-type": "application/json" }));
      expect(response.status).toBe(403);
    }
    expect(authorize).not.toHaveBeenCalled();
  });

  it("a non-JSON content type from the proxy's own origin: 415 before authorize", async () => {
    const { handler, authorize, upstream } = spied();
    for (const type of [
      "text/plain",
      "application/x-www-form-urlencoded",
      "multipart/form-data; boundary=x",
      "application/json; charset=latin1",
      "application/jsonp",
    ]) {
      const response = await handler(post({ "content-type": type }));
      expect(response.status).toBe(415);
      expect((await response.json()).Code).toBe("UnsupportedMediaType");
    }
    // Request gives a string body text/plain when no type is named: bytes carry none
    const untyped = await handler(post({}, new TextEncoder().encode(BODY)));
    expect(untyped.headers.get("content-type")).toBe("application/json");
    expect(untyped.status).toBe(415);
    expect(authorize).not.toHaveBeenCalled();
    expect(upstream.sent).toHaveLength(0);
  });

  it("accepts the own origin, an allowed CORS origin, a charset, and no type with no body", async () => {
    const { handler, authorize } = spied({ allow: ["eci/*"] });
    const own = await handler(
      post({
        origin: "https://console.example",
        "content-type": "application/json; charset=utf-8",
      }),
    );
    expect(own.status).toBe(200);
    const cors = await handler(
      post({ origin: "https://app.example", "content-type": 'Application/JSON;Charset="UTF-8"' }),
    );
    expect(cors.status).toBe(200);
    expect(cors.headers.get("access-control-allow-origin")).toBe("https://app.example");
    // DescribeRegions needs no input: the region comes from `regions`
    const empty = await handler(
      new Request(`${BASE}/eci/DescribeRegions`, {
        method: "POST",
        headers: { "x-session": SESSION },
      }),
    );
    expect(empty.status).toBe(200);
    expect(authorize).toHaveBeenCalledTimes(3);
  });
});
