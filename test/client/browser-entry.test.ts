// alicloud-eci/browser: the main entry's exports, with client factories that only make
// proxy-mode clients. Those clients must call exactly as a proxy-mode client of the main
// entry does; what they cannot do (sign) they refuse when they are made.
import { describe, expect, it } from "vitest";
import * as browser from "../../src/browser.js";
import * as main from "../../src/index.js";
import { json, KEYS, scriptedFetch } from "../helpers.js";

const BASE = "https://console.example/api/alicloud";
const factories = Object.keys(main).filter((name) => /^create\w+Client$/.test(name));

describe("alicloud-eci/browser", () => {
  it("exports everything the main entry does", () => {
    expect(Object.keys(browser)).toEqual(expect.arrayContaining(Object.keys(main)));
    expect(browser.PopError).toBe(main.PopError);
    expect(browser.paginate).toBe(main.paginate);
  });

  it("has its own factory for every product of the main entry", () => {
    expect(factories.length).toBeGreaterThanOrEqual(4);
    for (const name of factories) {
      const own = (browser as Record<string, unknown>)[name];
      expect(typeof own, name).toBe("function");
      expect(own, `${name} is the main entry's, which can sign`).not.toBe(
        (main as Record<string, unknown>)[name],
      );
    }
  });

  it("sends what a proxy-mode client of the main entry sends", async () => {
    const input = {
      RegionId: "cn-hangzhou",
      ContainerGroupName: "job",
      Container: [{ Name: "a", Image: "busybox" }],
    };
    const send = async (create: typeof browser.createEciClient) => {
      const upstream = scriptedFetch(json({ RequestId: "r-1", ContainerGroupId: "eci-1" }));
      const eci = create({
        regionId: "cn-hangzhou",
        proxy: BASE,
        proxyHeaders: { "x-csrf-token": "t" },
        fetch: upstream.fetch,
      });
      const answer = await eci.createContainerGroup({ ...input, ClientToken: "fixed" });
      const [sent] = upstream.sent;
      return {
        answer,
        url: sent?.url.href,
        method: sent?.method,
        headers: sent?.headers,
        body: sent?.body,
      };
    };
    const ours = await send(browser.createEciClient);
    expect(ours).toEqual(await send(main.createEciClient));
    expect(ours.url).toBe(`${BASE}/eci/CreateContainerGroup`);
    expect(ours.headers).toMatchObject({ "content-type": "application/json", "x-csrf-token": "t" });
    expect(JSON.parse(ours.body ?? "")).toMatchObject({ ContainerGroupName: "job" });
  });

  it("pages through the proxy like any client", async () => {
    const upstream = scriptedFetch(
      json({ RequestId: "r-1", ContainerGroups: [{ ContainerGroupId: "eci-1" }], NextToken: "n" }),
      json({ RequestId: "r-2", ContainerGroups: [{ ContainerGroupId: "eci-2" }] }),
    );
    const eci = browser.createEciClient({
      regionId: "cn-hangzhou",
      proxy: BASE,
      fetch: upstream.fetch,
    });
    const ids: unknown[] = [];
    for await (const group of browser.paginate(eci, "DescribeContainerGroups", {
      RegionId: "cn-hangzhou",
    }))
      ids.push(group.ContainerGroupId);
    expect(ids).toEqual(["eci-1", "eci-2"]);
    expect(JSON.parse(upstream.sent[1]?.body ?? "")).toMatchObject({ NextToken: "n" });
  });

  it("refuses credentials and the other signing options, saying where signing clients are", () => {
    const make = (options: object) => () =>
      browser.createEciClient({ regionId: "cn-hangzhou", proxy: BASE, ...options });
    for (const options of [
      { credentials: KEYS },
      { endpoint: "https://eci.cn-hangzhou.aliyuncs.com" },
      { signatureVersion: "v1" },
      { httpProxy: "http://127.0.0.1:3128" },
    ]) {
      expect(make(options)).toThrow(browser.ConfigurationError);
      expect(make(options)).toThrow(/take no \w+.*import the client from "alicloud-eci"/);
    }
  });

  it("refuses a client without a proxy", () => {
    const make = () =>
      browser.createVpcClient({ regionId: "cn-hangzhou" } as Parameters<
        typeof browser.createVpcClient
      >[0]);
    expect(make).toThrow(browser.ConfigurationError);
    expect(make).toThrow(/pass proxy/);
  });
});
