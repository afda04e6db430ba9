// A logger (or DEBUG=alicloud-eci on stderr) hears one line per attempt, each waiter poll
// and warnings; no line ever holds a secret, token or signature in any form.
import { afterEach, describe, expect, it, vi } from "vitest";
import { debugEnabled, type Logger } from "../../src/base/logger.js";
import { defaultCredentialsChain } from "../../src/credentials.js";
import { createEciClient, waitForContainerGroupRunning } from "../../src/index.js";
import { createFakeCloud } from "../../src/testing.js";
import { json, popErrorBody, STS, scriptedFetch } from "../helpers.js";
import { leaks } from "../security/scan.js";

function recorder() {
  const lines: [level: string, line: string][] = [];
  const logger: Logger = {
    debug: (line) => lines.push(["debug", line]),
    info: (line) => lines.push(["info", line]),
    warn: (line) => lines.push(["warn", line]),
    error: (line) => lines.push(["error", line]),
  };
  return { logger, lines };
}

afterEach(() => {
  vi.useRealTimers();
  vi.unstubAllEnvs();
  vi.restoreAllMocks();
});

describe("DEBUG in the debug package's syntax", () => {
  it.each([
    ["alicloud-eci", true],
    ["alicloud-eci:*", true],
    ["alicloud-eci:call", true],
    ["other,alicloud-eci:call", true],
    ["*", true],
    ["alicloud-eci:wait", false],
    ["alicloud-eci:*,-alicloud-eci:call", false],
    ["other", false],
    ["", false],
  ])("DEBUG=%j enables alicloud-eci:call: %s", (spec, enabled) => {
    expect(debugEnabled("call", { DEBUG: spec })).toBe(enabled);
  });
});

describe("one line per attempt", () => {
  it("product, action, host, status, request id and duration", async () => {
    const { fetch } = scriptedFetch(json({ RequestId: "7A4A78A8-0000-0000-0000-F34866CA740C" }));
    const { logger, lines } = recorder();
    const eci = createEciClient({ regionId: "cn-hangzhou", credentials: STS, fetch, logger });
    await eci.describeContainerGroups({});
    expect(lines).toEqual([
      [
        "debug",
        expect.stringMatching(
          /^eci DescribeContainerGroups eci\.cn-hangzhou\.aliyuncs\.com attempt 1: 200 request 7A4A78A8-0000-0000-0000-F34866CA740C \d+ ms$/,
        ),
      ],
    ]);
  });

  it("a retry says why and after how long; the last failure says it gives up", async () => {
    vi.useFakeTimers();
    const { fetch } = scriptedFetch(
      json(popErrorBody("ServiceUnavailable"), 503),
      json(popErrorBody("ServiceUnavailable"), 503),
    );
    const { logger, lines } = recorder();
    const eci = createEciClient({
      regionId: "cn-hangzhou",
      credentials: STS,
      fetch,
      logger,
      random: () => 0.5,
      retry: { maxAttempts: 2, baseDelayMs: 100 },
    });
    const call = eci.describeContainerGroups({}).catch((e: unknown) => e);
    await vi.runAllTimersAsync();
    await call;
    expect(lines.map(([level, line]) => [level, line.replace(/\d+ ms;/, "N ms;")])).toEqual([
      [
        "info",
        "eci DescribeContainerGroups eci.cn-hangzhou.aliyuncs.com attempt 1: 503 ServiceUnavailable request 7A4A78A8-FEA6-57F0-9ABC-F34866CA740C N ms; retrying in 50 ms (ServiceUnavailable)",
      ],
      [
        "warn",
        expect.stringMatching(
          /attempt 2: 503 ServiceUnavailable .*; giving up: DescribeContainerGroups: ServiceUnavailable/,
        ),
      ],
    ]);
  });

  it("DEBUG=alicloud-eci writes the same lines to stderr", async () => {
    vi.stubEnv("DEBUG", "alicloud-eci");
    const written: string[] = [];
    vi.spyOn(process.stderr, "write").mockImplementation((chunk) => {
      written.push(String(chunk));
      return true;
    });
    const { fetch } = scriptedFetch(json({ RequestId: "r-1" }));
    const eci = createEciClient({ regionId: "cn-hangzhou", credentials: STS, fetch });
    await eci.describeContainerGroups({});
    expect(written).toEqual([
      expect.stringMatching(
        /^alicloud-eci:call eci DescribeContainerGroups .* 200 request r-1 \d+ ms\n$/,
      ),
    ]);
  });

  it("waiters log each poll's state", async () => {
    const fake = createFakeCloud({ time: "manual" });
    const { logger, lines } = recorder();
    const eci = createEciClient({ regionId: "cn-hangzhou", ...fake.clientOptions(), logger });
    const { ContainerGroupId } = await eci.createContainerGroup({
      ContainerGroupName: "web",
      Container: [{ Name: "web", Image: "nginx:1.25" }],
    });
    await waitForContainerGroupRunning(
      eci,
      { RegionId: "cn-hangzhou", ContainerGroupId },
      fake.waiterOptions(),
    );
    const polls = lines.map(([, line]) => line).filter((line) => line.startsWith("waitFor"));
    expect(polls[0]).toMatch(
      new RegExp(`^waitForContainerGroupRunning ${ContainerGroupId} poll 1 after 0 s: Pending`),
    );
    expect(polls.at(-1)).toMatch(/poll \d+ after \d+ s: Running.*, done$/);
  });
});

describe("the credentials chain", () => {
  it("logs each source it tried, why it moved on, and which one it uses; never the keys", async () => {
    const { logger, lines } = recorder();
    const env = {
      ALIBABA_CLOUD_ECS_METADATA_DISABLED: "true",
      ALIBABA_CLOUD_CLI_PROFILE_DISABLED: "true",
      ALIBABA_CLOUD_CREDENTIALS_FILE: "/nonexistent/credentials",
      ALIBABA_CLOUD_CREDENTIALS_URI: "",
    };
    const chain = defaultCredentialsChain({ env, homeDir: "/nonexistent", logger });
    await expect(chain()).rejects.toThrow(/no credentials found/);
    const keyed = defaultCredentialsChain({
      env: {
        ...env,
        ALIBABA_CLOUD_ACCESS_KEY_ID: STS.accessKeyId,
        ALIBABA_CLOUD_ACCESS_KEY_SECRET: STS.accessKeySecret,
      },
      logger,
    });
    await keyed();
    await keyed(); // the same source again: no new line
    const text = lines.map(([, line]) => line);
    expect(text[0]).toMatch(/^default credentials chain: env gave none \(.*\); trying the next$/);
    expect(text).toContainEqual(
      expect.stringMatching(
        /: cli_profile gave none \(skipped \(ALIBABA_CLOUD_CLI_PROFILE_DISABLED=true\)\); trying the next$/,
      ),
    );
    expect(text.at(-1)).toBe("default credentials chain: using env");
    expect(text.filter((line) => line.endsWith("using env"))).toHaveLength(1);
    expect(leaks(text.join("\n"), STS.accessKeySecret)).toEqual([]);
  });
});

describe("a region id no table knows", () => {
  it("is accepted, and logged as a warning with the closest known ids", async () => {
    const { fetch, sent } = scriptedFetch(json({ RequestId: "r" }));
    const { logger, lines } = recorder();
    const eci = createEciClient({ regionId: "cn-hangzou", credentials: STS, fetch, logger });
    await eci.describeContainerGroups({});
    expect(sent[0]?.url.host).toBe("eci.cn-hangzou.aliyuncs.com");
    expect(lines.filter(([level]) => level === "warn")).toEqual([
      [
        "warn",
        'regionId "cn-hangzou" is in no endpoint table or region list of the SDK; calls go to eci.cn-hangzou.aliyuncs.com. Closest known: cn-hangzhou, cn-guangzhou, cn-chengdu',
      ],
    ]);
  });

  it("a known region logs no warning", async () => {
    const { fetch } = scriptedFetch(json({ RequestId: "r" }));
    const { logger, lines } = recorder();
    const eci = createEciClient({ regionId: "ap-southeast-1", credentials: STS, fetch, logger });
    await eci.describeContainerGroups({});
    expect(lines.filter(([level]) => level === "warn")).toEqual([]);
  });
});

describe("no secret in any line", () => {
  it("an answer that echoes the secret, the token and the signature is masked in every line", async () => {
    vi.useFakeTimers();
    const { fetch } = scriptedFetch((sent) =>
      json(
        {
          ...popErrorBody("ServiceUnavailable", `echo ${STS.accessKeySecret} ${STS.securityToken}`),
          RequestId: `${sent.headers.authorization}`,
        },
        503,
      ),
    );
    const { logger, lines } = recorder();
    const eci = createEciClient({
      regionId: "cn-hangzhou",
      credentials: STS,
      fetch,
      logger,
      random: () => 0,
    });
    const call = eci.describeContainerGroups({}).catch((e: unknown) => e);
    await vi.runAllTimersAsync();
    await call;
    expect(lines.length).toBe(3);
    const text = lines.map(([, line]) => line).join("\n");
    expect(leaks(text, STS.accessKeySecret, STS.securityToken)).toEqual([]);
    expect(text).not.toMatch(/Signature=[0-9a-f]{64}/);
  });
});
