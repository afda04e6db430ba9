// Defect 2: what goes wrong inside the proxy (no credentials, a network failure, a bug)
// reaches the browser as a generic error; the details stay in the server's audit log.
import { afterEach, describe, expect, it, vi } from "vitest";
import { CredentialsError } from "../../src/index.js";
import { hang, KEYS, track } from "../helpers.js";
import { proxy } from "./fixture.js";

const INTERNAL = /home|bob|aliyun|ALIBABA|ECONN|10\.0\.0\.5|within|fetch failed/i;

describe("internal failures are generic for the browser", () => {
  afterEach(() => vi.unstubAllEnvs());

  it("no usable credentials: 500 ProxyCredentialsUnavailable, the reason only in the audit", async () => {
    const { call, upstream, audit } = proxy({
      credentials: () =>
        Promise.reject(
          new CredentialsError("default", "no ~/.aliyun/config.json in /home/bob", {
            message:
              "default: ALIBABA_CLOUD_ACCESS_KEY_ID unset; /home/bob/.aliyun/config.json missing",
          }),
        ),
    });
    const response = await call("eci/DescribeContainerGroups", { RegionId: "cn-hangzhou" });
    expect(response.status).toBe(500);
    const text = await response.text();
    expect(JSON.parse(text)).toEqual({
      RequestId: expect.any(String),
      Code: "ProxyCredentialsUnavailable",
      Message: "the proxy could not get credentials",
    });
    expect(text).not.toMatch(INTERNAL);
    expect(upstream.sent).toHaveLength(0);
    expect(audit).toEqual([
      expect.objectContaining({
        outcome: "failed",
        status: 500,
        code: "ProxyCredentialsUnavailable",
        error: "credentials: CredentialsError",
      }),
    ]);
    expect(JSON.stringify(audit)).not.toMatch(INTERNAL);
  });

  it("a custom provider that throws anything is a credentials failure too", async () => {
    const { call } = proxy({
      credentials: () => Promise.reject(new TypeError("cannot read /home/bob/.vault-token")),
    });
    const response = await call("eci/DescribeContainerGroups", { RegionId: "cn-hangzhou" });
    expect(response.status).toBe(500);
    const text = await response.text();
    expect(JSON.parse(text).Code).toBe("ProxyCredentialsUnavailable");
    expect(text).not.toMatch(INTERNAL);
  });

  it("credentials omitted: the default chain (here the environment) signs", async () => {
    vi.stubEnv("ALIBABA_CLOUD_ACCESS_KEY_ID", "LTAI5tFromTheEnvironment");
    vi.stubEnv("ALIBABA_CLOUD_ACCESS_KEY_SECRET", "env-secret-value");
    const { call, upstream } = proxy({ credentials: undefined });
    const response = await call("eci/DescribeContainerGroups", { RegionId: "cn-hangzhou" });
    expect(response.status).toBe(200);
    expect(upstream.sent[0]?.headers.authorization).toContain(
      "Credential=LTAI5tFromTheEnvironment",
    );
  });

  it("a connection failure: 502 with a generic message", async () => {
    const failure = Object.assign(new TypeError("fetch failed"), {
      cause: new Error("connect to 10.0.0.5 refused, see /home/bob/proxy.log"),
    });
    const { call, audit } = proxy({}, failure);
    const response = await call("eci/DescribeContainerGroups", { RegionId: "cn-hangzhou" });
    expect(response.status).toBe(502);
    const text = await response.text();
    expect(JSON.parse(text).Message).toBe("the proxy could not reach the upstream");
    expect(text).not.toMatch(INTERNAL);
    expect(audit).toEqual([
      expect.objectContaining({
        status: 502,
        outcome: "failed",
        error: "upstream: ConnectionError",
      }),
    ]);
  });

  it("a timeout: 504 with a generic message", async () => {
    // made on the fake timers: the proxy's client reads the clock it finds when made
    vi.useFakeTimers({ toFake: ["setTimeout", "clearTimeout", "Date"] });
    const { call, audit } = proxy({ timeoutMs: 20 }, hang);
    const answer = track(call("eci/DescribeContainerGroups", { RegionId: "cn-hangzhou" }));
    try {
      await vi.advanceTimersByTimeAsync(19);
      expect(answer.settled).toBe(false);
      await vi.advanceTimersByTimeAsync(1);
    } finally {
      vi.useRealTimers();
    }
    const response = answer.value as Response;
    expect(response.status).toBe(504);
    expect(await response.json()).toMatchObject({
      Code: "ProxyTimeout",
      Message: "the upstream did not answer in time",
    });
    expect(audit).toEqual([expect.objectContaining({ status: 504, code: "ProxyTimeout" })]);
  });

  it("a hook that throws (here the allow predicate): 500 ProxyError, one audit event", async () => {
    const { call, audit } = proxy({
      allow: () => {
        throw new Error("allow-list file /home/bob/allow.json is unreadable");
      },
    });
    const response = await call("eci/DescribeContainerGroups", { RegionId: "cn-hangzhou" });
    expect(response.status).toBe(500);
    const text = await response.text();
    expect(JSON.parse(text)).toMatchObject({ Code: "ProxyError" });
    expect(text).not.toMatch(INTERNAL);
    expect(audit).toEqual([expect.objectContaining({ status: 500, error: "proxy: Error" })]);
  });

  it("static credentials are checked when the proxy is made", () => {
    expect(() =>
      proxy({ credentials: { accessKeyId: KEYS.accessKeyId, accessKeySecret: "" } }),
    ).toThrow(/accessKeySecret/);
  });
});
