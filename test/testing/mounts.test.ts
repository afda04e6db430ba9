// The ways to reach the fake: msw handlers, fetch / handle, a real HTTP server, the CLI.
import { setupServer } from "msw/node";
import { afterEach, describe, expect, it } from "vitest";
import { ConnectionError, createEciClient, createVpcClient } from "../../src/index.js";
import { main } from "../../src/testing/cli-main.js";
import { createFakeCloud, FAKE_CREDENTIALS, type FakeServer } from "../../src/testing/index.js";
import { loadMsw } from "../../src/testing/msw.js";

const RegionId = "cn-hangzhou";
const cleanup: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const step of cleanup.splice(0)) await step();
});

describe("msw", () => {
  it("fake.handlers answer https://*.aliyuncs.com for an SDK using the global fetch", async () => {
    const fake = createFakeCloud();
    const server = setupServer(...fake.handlers);
    server.listen({ onUnhandledRequest: "error" });
    cleanup.push(() => server.close());
    const eci = createEciClient({ regionId: "cn-beijing", credentials: FAKE_CREDENTIALS });
    const vpc = createVpcClient({ regionId: "cn-beijing", credentials: FAKE_CREDENTIALS });
    await vpc.createVpc({ RegionId: "cn-beijing" });
    const { ContainerGroupId } = await eci.createContainerGroup({
      RegionId: "cn-beijing",
      ContainerGroupName: "msw",
      Container: [{ Name: "c", Image: "nginx:1.25" }],
    });
    expect(ContainerGroupId).toMatch(/^eci-2ze/);
    expect(fake.requests.map((r) => `${r.product}:${r.action}`)).toEqual([
      "vpc:CreateVpc",
      "eci:CreateContainerGroup",
    ]);
  });

  it("without msw installed, fake.handlers says how to get it", () => {
    const missing = () => {
      throw Object.assign(new Error("Cannot find module 'msw'"), { code: "MODULE_NOT_FOUND" });
    };
    expect(() => loadMsw(missing)).toThrow(/install msw to use fake.handlers/);
    expect(typeof loadMsw().http.all).toBe("function");
  });

  it("answers the extra endpoints it was told about, and a dropped connection is a network error", async () => {
    const fake = createFakeCloud({ endpoints: ["https://alibaba.internal.test"] });
    const server = setupServer(...fake.handlers);
    server.listen({ onUnhandledRequest: "error" });
    cleanup.push(() => server.close());
    const eci = createEciClient({
      regionId: RegionId,
      credentials: FAKE_CREDENTIALS,
      endpoint: "https://alibaba.internal.test",
      retry: false,
    });
    expect((await eci.describeRegions({})).Regions?.length).toBeGreaterThan(0);
    fake.faults.dropConnection();
    await expect(eci.describeRegions({})).rejects.toBeInstanceOf(ConnectionError);
  });
});

describe("fetch and handle", () => {
  it("fake.fetch answers any URL; fake.handle takes a Request", async () => {
    const fake = createFakeCloud();
    const eci = createEciClient({ regionId: RegionId, ...fake.clientOptions() });
    await eci.describeRegions({});
    const response = await fake.handle(
      new Request(
        "https://eci.cn-hangzhou.aliyuncs.com/?Action=DescribeRegions&Version=2018-08-08",
        { method: "POST" },
      ),
    );
    expect(response.status).toBe(400);
    expect((await response.json()).Code).toBe("IncompleteSignature");
    fake.faults.dropConnection();
    expect(
      (await fake.handle(new Request("https://eci.cn-hangzhou.aliyuncs.com/", { method: "POST" })))
        .type,
    ).toBe("error");
  });

  it("state, requests and reset", async () => {
    const fake = createFakeCloud({ seed: "same" });
    const eci = createEciClient({ regionId: RegionId, ...fake.clientOptions() });
    const first = await eci.createContainerGroup({
      RegionId,
      ContainerGroupName: "aa",
      Container: [{ Name: "c", Image: "nginx:1.25" }],
    });
    expect(Object.isFrozen(fake.state.eci.containerGroups[0])).toBe(true);
    expect(fake.requests[0]?.params).toMatchObject({
      ContainerGroupName: "aa",
      Container: [{ Name: "c", Image: "nginx:1.25" }],
    });
    fake.reset();
    expect(fake.state.eci.containerGroups).toEqual([]);
    expect(fake.requests).toEqual([]);
    const again = await eci.createContainerGroup({
      RegionId,
      ContainerGroupName: "aa",
      Container: [{ Name: "c", Image: "nginx:1.25" }],
    });
    expect(again.ContainerGroupId).toBe(first.ContainerGroupId);
  });
});

describe("a real HTTP server", () => {
  it("listen() serves the SDK over HTTP; clientOptions({ via: 'http' }) points at it", async () => {
    const fake = createFakeCloud();
    expect(() => fake.clientOptions({ via: "http" })).toThrow(/listen/);
    const server = await fake.listen();
    cleanup.push(() => server.close());
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(fake.endpoint).toBe(server.url);
    const options = fake.clientOptions({ via: "http" });
    expect(options).toEqual({ credentials: { ...FAKE_CREDENTIALS }, endpoint: server.url });
    for (const signatureVersion of ["v3", "v1"] as const) {
      const eci = createEciClient({ regionId: RegionId, ...options, signatureVersion });
      await eci.createContainerGroup({
        RegionId,
        ContainerGroupName: `http-${signatureVersion}`,
        Container: [{ Name: "c", Image: "nginx:1.25", Command: ["sh", "-c", "echo a=b&c * ~ é"] }],
      });
    }
    const listed = await createEciClient({
      regionId: RegionId,
      ...options,
    }).describeContainerGroups({ RegionId });
    expect(listed.TotalCount).toBe(2);
    expect(listed.ContainerGroups?.[0]?.Containers?.[0]?.Commands).toEqual([
      "sh",
      "-c",
      "echo a=b&c * ~ é",
    ]);
  });

  it("a dropped connection closes the socket: fetch rejects", async () => {
    const fake = createFakeCloud();
    const server = await fake.listen();
    cleanup.push(() => server.close());
    fake.faults.dropConnection();
    await expect(fetch(`${server.url}/`, { method: "POST" })).rejects.toThrow(TypeError);
    const eci = createEciClient({
      regionId: RegionId,
      ...fake.clientOptions({ via: "http" }),
      retry: false,
    });
    fake.faults.dropConnection("DescribeRegions");
    await expect(eci.describeRegions({})).rejects.toBeInstanceOf(ConnectionError);
  });

  it("the CLI prints the URL and the test credentials, and serves them", async () => {
    const lines: string[] = [];
    const server = (await main(["--port", "0", "--quiet", "--region", "cn-shanghai"], (line) =>
      lines.push(line),
    )) as FakeServer;
    cleanup.push(() => server.close());
    const text = lines.join("\n");
    expect(text).toContain(`listening on ${server.url}`);
    expect(text).toContain(FAKE_CREDENTIALS.accessKeyId);
    expect(text).toContain(FAKE_CREDENTIALS.accessKeySecret);
    const eci = createEciClient({
      regionId: "cn-shanghai",
      endpoint: server.url,
      credentials: FAKE_CREDENTIALS,
    });
    const out = await eci.describeRegions({});
    expect(out.Regions?.map((r) => r.RegionId)).toEqual(["cn-shanghai"]);
    await expect(main(["--port", "99999"], () => {})).rejects.toThrow(/--port/);
    const help: string[] = [];
    expect(await main(["--help"], (line) => help.push(line))).toBeUndefined();
    expect(help.join("\n")).toContain("Usage: alicloud-eci-fake");
  });
});
