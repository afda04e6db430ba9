// How a failed send names where it was going (src/transport/send-failure.ts): the host and
// port of the URL, or what the sender said (a network proxy's).
import { afterEach, describe, expect, it, vi } from "vitest";
import { hostOf, locate, SendFailure } from "../../src/transport/send-failure.js";
import { netError } from "../helpers.js";

afterEach(() => {
  vi.unstubAllGlobals();
});

describe("hostOf", () => {
  it("is host:port, with the scheme's port when the URL names none", () => {
    expect(hostOf("https://eci.cn-hangzhou.aliyuncs.com/?Action=X&Signature=s")).toBe(
      "eci.cn-hangzhou.aliyuncs.com:443",
    );
    expect(hostOf("http://127.0.0.1/")).toBe("127.0.0.1:80");
    expect(hostOf("http://127.0.0.1:8080/x")).toBe("127.0.0.1:8080");
    expect(hostOf("https://[::1]:8443/")).toBe("[::1]:8443");
  });

  it("puts a relative URL (a signing proxy's route) on the page's origin, and without a page keeps no query", () => {
    vi.stubGlobal("location", { href: "https://console.example.com/app/" });
    expect(hostOf("/api/alicloud/eci/DescribeRegions")).toBe("console.example.com:443");
    vi.stubGlobal("location", undefined);
    expect(hostOf("/api/alicloud/eci/DescribeRegions?x=1")).toBe(
      "/api/alicloud/eci/DescribeRegions",
    );
  });
});

describe("locate", () => {
  it("keeps a SendFailure as it is: the sender knew better (a proxy)", () => {
    const failure = new SendFailure("proxy.internal:3128", {
      reason: "proxy refused the credentials (407)",
    });
    expect(locate(failure, "https://eci.cn-hangzhou.aliyuncs.com/")).toBe(failure);
  });

  it("names the URL for any other failure, keeping its code and its timeout mark", () => {
    const refused = locate(netError("ECONNREFUSED"), "https://eci.cn-hangzhou.aliyuncs.com/");
    expect(refused).toMatchObject({
      host: "eci.cn-hangzhou.aliyuncs.com:443",
      code: "ECONNREFUSED",
    });
    expect(refused.timedOut).toBe(false);
    const late = Object.assign(new Error("attempt timed out"), { timedOut: true });
    expect(locate(late, "http://127.0.0.1:1/").timedOut).toBe(true);
  });
});
