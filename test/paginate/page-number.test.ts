// PageNumber-style listings (VPC DescribeVpcs and friends): `Vpcs.Vpc` envelopes, TotalCount.
import { describe, expect, it } from "vitest";
import { paginate, paginatePages } from "../../src/paginate/index.js";
import { type FakeCall, fakeApi } from "./fake-api.js";

const REGION = { RegionId: "cn-hangzhou" };

/** Serves `total` VPCs by PageNumber/PageSize; `reportTotal: false` leaves TotalCount out. */
function vpcs(total: number, reportTotal = true) {
  return ({ params }: FakeCall) => {
    const number = Number(params.PageNumber ?? 1);
    const size = Number(params.PageSize ?? 10);
    const Vpc = [];
    for (let i = (number - 1) * size; i < Math.min(total, number * size); i++)
      Vpc.push({ VpcId: `vpc-${i}` });
    return {
      Vpcs: { Vpc },
      PageNumber: number,
      PageSize: size,
      ...(reportTotal ? { TotalCount: total } : {}),
    };
  };
}

async function collect<T>(iterable: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const item of iterable) out.push(item);
  return out;
}

describe("page-number pagination", () => {
  it("zero items: one request, nothing yielded", async () => {
    const api = fakeApi(vpcs(0));
    expect(await collect(paginate(api.vpc, "DescribeVpcs", REGION))).toEqual([]);
    expect(api.calls).toHaveLength(1);
  });

  it("one page: stops on TotalCount, unwraps Vpcs.Vpc, sends PageNumber 1 and the maximum PageSize", async () => {
    const api = fakeApi(vpcs(3));
    const items = await collect(paginate(api.vpc, "DescribeVpcs", REGION));
    expect(items.map((v) => v.VpcId)).toEqual(["vpc-0", "vpc-1", "vpc-2"]);
    expect(api.calls.map((c) => c.params)).toEqual([
      { RegionId: "cn-hangzhou", PageNumber: "1", PageSize: "50" },
    ]);
  });

  it("many pages: stops once TotalCount items were seen, without an extra request", async () => {
    const api = fakeApi(vpcs(150));
    const items = await collect(paginate(api.vpc, "DescribeVpcs", REGION));
    expect(items).toHaveLength(150);
    expect(new Set(items.map((v) => v.VpcId)).size).toBe(150);
    expect(api.calls.map((c) => c.params.PageNumber)).toEqual(["1", "2", "3"]);
  });

  it("without TotalCount, a short page is the last one", async () => {
    const api = fakeApi(vpcs(120, false));
    expect(await collect(paginate(api.vpc, "DescribeVpcs", REGION))).toHaveLength(120);
    expect(api.calls).toHaveLength(3);
  });

  it("without TotalCount, an empty page ends an exact multiple", async () => {
    const api = fakeApi(vpcs(100, false));
    expect(await collect(paginate(api.vpc, "DescribeVpcs", REGION))).toHaveLength(100);
    expect(api.calls.map((c) => c.params.PageNumber)).toEqual(["1", "2", "3"]);
  });

  it("an empty page ends the listing even when TotalCount promised more", async () => {
    const api = fakeApi(({ params }) =>
      params.PageNumber === "1"
        ? vpcs(500)({ action: "", params })
        : { Vpcs: { Vpc: [] }, TotalCount: 500 },
    );
    expect(await collect(paginate(api.vpc, "DescribeVpcs", REGION))).toHaveLength(50);
    expect(api.calls).toHaveLength(2);
  });

  it("uses the caller's PageSize and resumes from the caller's PageNumber", async () => {
    const api = fakeApi(vpcs(25));
    const pages = await collect(
      paginatePages(api.vpc, "DescribeVpcs", { ...REGION, PageSize: 10, PageNumber: 2 }),
    );
    expect(pages.map((p) => [p.pageNumber, p.items.length, p.totalCount, p.nextToken])).toEqual([
      [2, 10, 25, undefined],
      [3, 5, 25, undefined],
    ]);
    expect(pages[0]?.items[0]?.VpcId).toBe("vpc-10");
    expect(api.calls.map((c) => [c.params.PageNumber, c.params.PageSize])).toEqual([
      ["2", "10"],
      ["3", "10"],
    ]);
  });

  it("reads every page-style envelope from the generated facts (NAT gateways, SLB load balancers)", async () => {
    const api = fakeApi(({ action }) =>
      action === "DescribeNatGateways"
        ? { NatGateways: { NatGateway: [{ NatGatewayId: "ngw-1" }] }, TotalCount: 1 }
        : { LoadBalancers: { LoadBalancer: [{ LoadBalancerId: "lb-1" }] }, TotalCount: 1 },
    );
    const nats = await collect(paginate(api.vpc, "DescribeNatGateways", REGION));
    const lbs = await collect(paginate(api.slb, "DescribeLoadBalancers", REGION));
    expect(nats.map((n) => n.NatGatewayId)).toEqual(["ngw-1"]);
    expect(lbs.map((l) => l.LoadBalancerId)).toEqual(["lb-1"]);
    expect(api.calls.map((c) => c.params.PageSize)).toEqual(["50", "100"]);
  });
});
