// checkInternetAccess and the image cache preflight, on the fake cloud.
import { describe, expect, it } from "vitest";
import {
  checkInternetAccess,
  createEciClient,
  createImageCacheAndWait,
  createVpcClient,
  enableInternetViaNat,
  ImagePullError,
  InternetAccessError,
  waitForVSwitchAvailable,
} from "../../src/index.js";
import { createFakeCloud } from "../../src/testing/index.js";

async function world() {
  const fake = createFakeCloud();
  const options = { regionId: "cn-hangzhou", ...fake.clientOptions() };
  const eci = createEciClient(options);
  const vpc = createVpcClient(options);
  const { VpcId } = await vpc.createVpc({ CidrBlock: "192.168.0.0/16" });
  fake.advance(10_000);
  const { VSwitchId } = await vpc.createVSwitch({
    VpcId,
    ZoneId: "cn-hangzhou-h",
    CidrBlock: "192.168.1.0/24",
  });
  await waitForVSwitchAvailable(vpc, { VSwitchId }, fake.waiterOptions());
  return { fake, eci, vpc, VpcId, VSwitchId };
}

describe("checkInternetAccess", () => {
  it("no SNAT entry: not ok, with advice; an EIP of its own: ok; after enableInternetViaNat: ok via SNAT", async () => {
    const { fake, vpc, VpcId, VSwitchId } = await world();
    const before = await checkInternetAccess(vpc, { vSwitchId: VSwitchId });
    expect(before.ok).toBe(false);
    expect(before.advice).toContain("no SNAT entry on a NAT gateway with an EIP");
    expect(await checkInternetAccess(vpc, { vSwitchId: VSwitchId, withEip: true })).toEqual({
      ok: true,
      via: { kind: "eip" },
    });
    const net = await enableInternetViaNat(
      { vpc },
      { vpcId: VpcId, vSwitchId: VSwitchId, wait: fake.waiterOptions() },
    );
    const after = await checkInternetAccess(vpc, { vSwitchId: VSwitchId });
    expect(after).toEqual({
      ok: true,
      via: {
        kind: "snat",
        natGatewayId: net.natGatewayId,
        snatEntryId: net.snatEntryId,
        snatIp: net.eipAddress,
      },
    });
  });
});

describe("createImageCacheAndWait preflight", () => {
  it("advice by default (the cache is still built, and fails with ImagePullError); strict: InternetAccessError before any create", async () => {
    const { fake, eci, vpc, VSwitchId } = await world();
    const warnings: string[] = [];
    const input = { ImageCacheName: "redis", Image: ["redis:7"], VSwitchId };
    const error = await createImageCacheAndWait(eci, input, {
      ...fake.waiterOptions(),
      preflight: { vpc, onWarning: (message) => warnings.push(message) },
    }).catch((e) => e);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toContain("redis:7 will not pull");
    expect(error).toBeInstanceOf(ImagePullError);

    const strict = await createImageCacheAndWait(eci, input, {
      ...fake.waiterOptions(),
      preflight: { vpc, strict: true },
    }).catch((e) => e);
    expect(strict).toBeInstanceOf(InternetAccessError);
    expect(fake.state.eci.imageCaches).toHaveLength(1); // only the first, advised one
  });

  it("Alibaba Cloud registry images need no check", async () => {
    const { fake, eci, vpc, VSwitchId } = await world();
    const cache = await createImageCacheAndWait(
      eci,
      {
        ImageCacheName: "acr",
        Image: ["registry-vpc.cn-hangzhou.aliyuncs.com/eci_open/nginx:alpine"],
        VSwitchId,
      },
      { ...fake.waiterOptions(), preflight: { vpc, strict: true } },
    );
    expect(cache.Status).toBe("Ready");
    expect(fake.requests.some((r) => r.action === "DescribeNatGateways")).toBe(false);
  });
});
