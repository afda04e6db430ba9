// Central endpoints (`vpc.aliyuncs.com`, no region in the host): a call without RegionId is
// routed to the region of the first resource id it names, whatever product keeps it.
import { describe, expect, it } from "vitest";
import type { ProductKey } from "../../generated/products.js";
import { setup } from "./helpers.js";
import { signedCall } from "./wire.js";

const regions = ["cn-hangzhou", "cn-beijing"];
const RegionId = "cn-beijing";

/** The call signed v1 (which leaves the host unsigned) and sent to the product's central host. */
const centrally = (
  env: ReturnType<typeof setup>,
  product: ProductKey,
  action: string,
  id: object,
) =>
  signedCall(env.fake, action, id as Record<string, string>, {
    product,
    signature: "v1",
    tamper: (url) => {
      url.hostname = `${product}.aliyuncs.com`;
    },
  });

describe("central endpoint routing", () => {
  it("a VSwitch id routes to the VSwitch's region", async () => {
    const env = setup({ regions });
    const { VpcId } = await env.vpc.createVpc({ RegionId, CidrBlock: "10.0.0.0/8" });
    env.fake.advance(10_000);
    const { VSwitchId } = await env.vpc.createVSwitch({
      RegionId,
      VpcId: VpcId as string,
      ZoneId: env.fake.regions[RegionId]?.[0] as string,
      CidrBlock: "10.1.0.0/16",
    });
    const out = await centrally(env, "vpc", "DescribeVSwitchAttributes", { VSwitchId });
    expect(out.status, JSON.stringify(out.body)).toBe(200);
    expect(out.body).toMatchObject({ VSwitchId, VpcId });
  });

  it("a load balancer id routes to the load balancer's region", async () => {
    const env = setup({ regions });
    const { LoadBalancerId } = await env.slb.createLoadBalancer({ RegionId });
    const out = await centrally(env, "slb", "DescribeLoadBalancerAttribute", { LoadBalancerId });
    expect(out.status, JSON.stringify(out.body)).toBe(200);
    expect(out.body).toMatchObject({ LoadBalancerId, RegionId });
  });
});
