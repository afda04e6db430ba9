import { HttpResponse, http } from "msw";
import { setupServer } from "msw/node";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { AbortError } from "../../src/base/errors.js";
import { createMetadataClient, MetadataError } from "../../src/metadata.js";
import { track, useFakeTimeouts } from "../helpers.js";
import { fakeImds, ROLE, ROLE_SECRET, ROLE_TOKEN, roleDocument } from "./fake-imds.js";

const MAC1 = "00:16:3e:00:00:01";
const MAC2 = "00:16:3e:00:00:02";
const NIC1 = `network/interfaces/macs/${MAC1}/`;
const NIC2 = `network/interfaces/macs/${MAC2}/`;
const EXPIRES = new Date("2030-01-01T06:00:00Z");

/** Every item of topic 5, each with a value no other item has. */
const ITEMS: Record<string, string> = {
  "instance-id": "eci-bp1instance",
  "region-id": "cn-hangzhou",
  "zone-id": "cn-hangzhou-h",
  hostname: "my-container-group",
  "private-ipv4": "192.168.0.10",
  eipv4: "47.96.1.2",
  mac: MAC1,
  "network/interfaces/macs/": `${MAC1}/\n${MAC2}/\n`,
  "vpc-id": "vpc-bp1vpc",
  "vpc-cidr-block": "192.168.0.0/16",
  "vswitch-id": "vsw-bp1vsw",
  "vswitch-cidr-block": "192.168.0.0/24",
  "dns-conf/nameservers": "100.100.2.136\n100.100.2.138\n",
  "ntp-conf/ntp-servers": "ntp.cloud.aliyuncs.com\nntp1.cloud.aliyuncs.com",
  "instance/max-netbw-egress": "1228800",
  "instance/max-netbw-ingress": "2457600",
  "owner-account-id": "1234567890123456",
  "serial-number": "4a0e0c5b-8f9e-4d3c-9b1a-0123456789ab",
  "ram/security-credentials/": `${ROLE}\n`,
  [`ram/security-credentials/${ROLE}`]: roleDocument(EXPIRES),
  [`${NIC1}network-interface-id`]: "eni-bp1first",
  [`${NIC1}netmask`]: "255.255.255.0",
  [`${NIC1}gateway`]: "192.168.0.253",
  [`${NIC1}primary-ip-address`]: "192.168.0.10",
  [`${NIC1}private-ipv4s`]: '["192.168.0.10","192.168.0.11"]',
  [`${NIC1}vpc-id`]: "vpc-bp1nic",
  [`${NIC1}vpc-cidr-block`]: "192.168.0.0/12",
  [`${NIC1}vpc-ipv6-cidr-blocks`]: "[2408:4005:3c3:1a00::/56]",
  [`${NIC1}vswitch-id`]: "vsw-bp1nic",
  [`${NIC1}vswitch-cidr-block`]: "192.168.0.0/20",
  [`${NIC1}vswitch-ipv6-cidr-block`]: "2408:4005:3c3:1a01::/64",
  [`${NIC1}ipv6s`]: "[2408:4005:3c3:1a01::10,2408:4005:3c3:1a01::11]",
  [`${NIC1}ipv6-gateway`]: "2408:4005:3c3:1a01:ffff:ffff:ffff:fffd",
  [`${NIC2}network-interface-id`]: "eni-bp1second",
};

describe("createMetadataClient against a fake metadata service", () => {
  it("has a typed method for every item, lists as arrays and bandwidths as numbers", async () => {
    const imds = fakeImds({ items: ITEMS, requireToken: true });
    const md = createMetadataClient({ fetch: imds.fetch });

    expect(await md.instanceId()).toBe("eci-bp1instance");
    expect(await md.regionId()).toBe("cn-hangzhou");
    expect(await md.zoneId()).toBe("cn-hangzhou-h");
    expect(await md.hostname()).toBe("my-container-group");
    expect(await md.privateIpv4()).toBe("192.168.0.10");
    expect(await md.eipv4()).toBe("47.96.1.2");
    expect(await md.mac()).toBe(MAC1);
    expect(await md.macs()).toEqual([MAC1, MAC2]);
    expect(await md.vpcId()).toBe("vpc-bp1vpc");
    expect(await md.vpcCidrBlock()).toBe("192.168.0.0/16");
    expect(await md.vswitchId()).toBe("vsw-bp1vsw");
    expect(await md.vswitchCidrBlock()).toBe("192.168.0.0/24");
    expect(await md.nameServers()).toEqual(["100.100.2.136", "100.100.2.138"]);
    expect(await md.ntpServers()).toEqual(["ntp.cloud.aliyuncs.com", "ntp1.cloud.aliyuncs.com"]);
    expect(await md.maxNetbwEgress()).toBe(1_228_800);
    expect(await md.maxNetbwIngress()).toBe(2_457_600);
    expect(await md.ownerAccountId()).toBe("1234567890123456");
    expect(await md.serialNumber()).toBe("4a0e0c5b-8f9e-4d3c-9b1a-0123456789ab");
    expect(await md.ramRoleName()).toBe(ROLE);

    const nic = md.networkInterface(MAC1);
    expect(nic.mac).toBe(MAC1);
    expect(await nic.networkInterfaceId()).toBe("eni-bp1first");
    expect(await nic.netmask()).toBe("255.255.255.0");
    expect(await nic.gateway()).toBe("192.168.0.253");
    expect(await nic.primaryIpAddress()).toBe("192.168.0.10");
    expect(await nic.privateIpv4s()).toEqual(["192.168.0.10", "192.168.0.11"]);
    expect(await nic.vpcId()).toBe("vpc-bp1nic");
    expect(await nic.vpcCidrBlock()).toBe("192.168.0.0/12");
    expect(await nic.vpcIpv6CidrBlocks()).toEqual(["2408:4005:3c3:1a00::/56"]);
    expect(await nic.vswitchId()).toBe("vsw-bp1nic");
    expect(await nic.vswitchCidrBlock()).toBe("192.168.0.0/20");
    expect(await nic.vswitchIpv6CidrBlock()).toBe("2408:4005:3c3:1a01::/64");
    expect(await nic.ipv6s()).toEqual(["2408:4005:3c3:1a01::10", "2408:4005:3c3:1a01::11"]);
    expect(await nic.ipv6Gateway()).toBe("2408:4005:3c3:1a01:ffff:ffff:ffff:fffd");
    expect(await md.networkInterface(`${MAC2}/`).networkInterfaceId()).toBe("eni-bp1second");

    const credentials = await md.ramCredentials();
    expect(credentials).toMatchObject({
      accessKeyId: "STS.role-key-id",
      accessKeySecret: ROLE_SECRET,
      securityToken: ROLE_TOKEN,
      providerName: "ecs_ram_role",
    });
    expect(credentials.expiration).toEqual(EXPIRES);

    // every item of the fake service was read by some method
    expect(new Set(imds.reads())).toEqual(new Set(Object.keys(ITEMS)));
  });

  it("reads any other item raw, and any list item as an array", async () => {
    const imds = fakeImds({ items: { "image-id": "aliyun_3_x64", "sub/list": '["a", "b"]' } });
    const md = createMetadataClient({ fetch: imds.fetch });
    expect(await md.get("image-id")).toBe("aliyun_3_x64");
    expect(await md.getList("sub/list")).toEqual(["a", "b"]);
  });

  it("reuses one token for many reads, and fetches a new one when it is refused", async () => {
    const imds = fakeImds({ items: ITEMS, requireToken: true });
    const md = createMetadataClient({ fetch: imds.fetch });
    await Promise.all([md.instanceId(), md.regionId(), md.hostname(), md.macs(), md.eipv4()]);
    expect(imds.tokenRequests()).toBe(1);
    for (const r of imds.requests.filter((r) => r.method === "GET")) {
      expect(r.headers.get("x-aliyun-ecs-metadata-token")).toBe("token-1");
    }
    imds.revokeTokens();
    expect(await md.instanceId()).toBe("eci-bp1instance");
    expect(imds.tokenRequests()).toBe(2);
    expect(imds.requests.at(-1)?.headers.get("x-aliyun-ecs-metadata-token")).toBe("token-2");
  });

  it("asks for a new token when the old one nears its 6-hour TTL", async () => {
    let now = Date.parse("2030-01-01T00:00:00Z");
    const imds = fakeImds({ items: ITEMS });
    const md = createMetadataClient({ fetch: imds.fetch, now: () => now });
    await md.instanceId();
    now += 5 * 3600_000;
    await md.instanceId();
    expect(imds.tokenRequests()).toBe(1);
    now += 3600_000;
    await md.instanceId();
    expect(imds.tokenRequests()).toBe(2);
  });

  it("falls back to reads without a token (IMDSv1) when the token request fails", async () => {
    const imds = fakeImds({ items: ITEMS, token: 403 });
    const md = createMetadataClient({ fetch: imds.fetch });
    expect(await md.regionId()).toBe("cn-hangzhou");
    const get = imds.requests.find((r) => r.method === "GET");
    expect(get?.headers.has("x-aliyun-ecs-metadata-token")).toBe(false);
  });

  it("with IMDSv1 disabled (option or ALIBABA_CLOUD_IMDSV1_DISABLED), a failed token request is an error and nothing is read", async () => {
    for (const options of [
      { disableImdsV1: true },
      { env: { ALIBABA_CLOUD_IMDSV1_DISABLED: "true" } },
    ]) {
      const imds = fakeImds({ items: ITEMS, token: 403 });
      const md = createMetadataClient({ fetch: imds.fetch, ...options });
      const error = await md.regionId().catch((e: unknown) => e);
      expect(error).toBeInstanceOf(MetadataError);
      expect(error).toMatchObject({ kind: "token", item: "api/token", statusCode: 403 });
      expect((error as Error).message).toMatch(/token request failed with HTTP 403.*IMDSv1/);
      expect(imds.reads()).toEqual([]);
    }
  });

  it("says which item is absent on a 404, with the usual reason (no EIP bound)", async () => {
    const imds = fakeImds({ items: { "region-id": "cn-hangzhou" } });
    const md = createMetadataClient({ fetch: imds.fetch });
    const error = await md.eipv4().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(MetadataError);
    expect(error).toMatchObject({
      name: "MetadataError",
      kind: "notFound",
      item: "eipv4",
      statusCode: 404,
    });
    expect((error as Error).message).toBe(
      'metadata item "eipv4" does not exist (HTTP 404): no EIP is bound to this instance',
    );
    await expect(md.networkInterface(MAC1).ipv6s()).rejects.toMatchObject({
      kind: "notFound",
      item: `${NIC1}ipv6s`,
    });
    await expect(md.ramRoleName()).rejects.toThrow(/no RAM role is attached/);
  });

  it("says the service is unreachable outside an instance", async () => {
    const imds = fakeImds({ unreachable: true });
    const md = createMetadataClient({ fetch: imds.fetch });
    const error = await md.instanceId().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(MetadataError);
    expect(error).toMatchObject({ kind: "unreachable", item: "instance-id" });
    expect((error as Error).message).toMatch(
      /cannot reach the instance metadata service at http:\/\/100\.100\.100\.200 \(connection failed: EHOSTUNREACH\).*inside an ECI container group or an ECS instance/,
    );
    // token request, then the IMDSv1 try
    expect(imds.requests.map((r) => r.method)).toEqual(["PUT", "GET"]);
  });

  it("gives up after timeoutMs when nothing answers", async () => {
    useFakeTimeouts();
    try {
      const imds = fakeImds({ hang: true });
      const md = createMetadataClient({ fetch: imds.fetch, timeoutMs: 20 });
      const read = track(md.regionId());
      await vi.advanceTimersByTimeAsync(19);
      expect(read.settled).toBe(false);
      // 20 ms for the token request, then 20 ms for the IMDSv1 read
      await vi.advanceTimersByTimeAsync(21);
      expect(read.error).toMatchObject({
        kind: "unreachable",
        message: expect.stringContaining("no answer within 20 ms"),
      });
      expect(imds.requests.map((r) => r.method)).toEqual(["PUT", "GET"]);
    } finally {
      vi.useRealTimers();
      vi.restoreAllMocks();
    }
  });

  it("stops a read when the caller's signal aborts", async () => {
    const imds = fakeImds({ hang: true });
    const md = createMetadataClient({ fetch: imds.fetch, timeoutMs: 60_000 });
    const controller = new AbortController();
    controller.abort(new Error("stop"));
    await expect(md.regionId({ signal: controller.signal })).rejects.toBeInstanceOf(AbortError);
  });

  it("rejects a bandwidth that is not a number", async () => {
    const imds = fakeImds({ items: { "instance/max-netbw-egress": "fast" } });
    const md = createMetadataClient({ fetch: imds.fetch });
    await expect(md.maxNetbwEgress()).rejects.toMatchObject({
      kind: "invalid",
      item: "instance/max-netbw-egress",
    });
  });

  it("reports other HTTP errors with their status", async () => {
    const md = createMetadataClient({
      fetch: async (url) =>
        new Response("busy", { status: url.endsWith("/api/token") ? 200 : 503 }),
    });
    await expect(md.hostname()).rejects.toMatchObject({
      kind: "http",
      item: "hostname",
      statusCode: 503,
    });
  });

  it("accepts another endpoint", async () => {
    const imds = fakeImds({ items: ITEMS });
    const md = createMetadataClient({ fetch: imds.fetch, endpoint: "http://127.0.0.1:8080/" });
    expect(md.endpoint).toBe("http://127.0.0.1:8080");
    await md.regionId();
    expect(imds.requests.map((r) => r.path)).toEqual([
      "/latest/api/token",
      "/latest/meta-data/region-id",
    ]);
  });
});

describe("createMetadataClient with the global fetch (msw)", () => {
  const server = setupServer(
    http.put("http://100.100.100.200/latest/api/token", ({ request }) =>
      request.headers.get("x-aliyun-ecs-metadata-token-ttl-seconds") === "21600"
        ? HttpResponse.text("msw-token")
        : HttpResponse.text("bad", { status: 400 }),
    ),
    http.get("http://100.100.100.200/latest/meta-data/instance-id", ({ request }) =>
      request.headers.get("x-aliyun-ecs-metadata-token") === "msw-token"
        ? HttpResponse.text("eci-from-msw")
        : HttpResponse.text("unauthorized", { status: 401 }),
    ),
  );
  beforeAll(() => server.listen({ onUnhandledRequest: "error" }));
  afterAll(() => server.close());

  it("talks to http://100.100.100.200 by default", async () => {
    expect(await createMetadataClient().instanceId()).toBe("eci-from-msw");
  });
});
