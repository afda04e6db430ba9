// Only actions that really page are accepted, inputs are the action's input, and
// items come out as the action's list element.
import { describe, expectTypeOf, it } from "vitest";
import type { EciClient, EcsClient, SlbClient, VpcClient } from "../../src/index.js";
import {
  type Page,
  type PageableAction,
  paginate,
  paginatePages,
} from "../../src/paginate/index.js";

declare const eci: EciClient;
declare const vpc: VpcClient;
declare const ecs: EcsClient;
declare const slb: SlbClient;

describe("paginate types", () => {
  it("rejects actions that do not page", () => {
    // @ts-expect-error CreateContainerGroup creates, it does not list
    paginate(eci, "CreateContainerGroup", { RegionId: "cn-hangzhou" });
    // @ts-expect-error DescribeRegions answers in one piece
    paginate(eci, "DescribeRegions", {});
    // @ts-expect-error DescribeVpcAttribute describes one VPC
    paginatePages(vpc, "DescribeVpcAttribute", { RegionId: "cn-hangzhou", VpcId: "vpc-1" });
    // @ts-expect-error an action of another product
    paginate(eci, "DescribeVpcs", { RegionId: "cn-hangzhou" });
  });

  it("accepts exactly the pageable actions of each client", () => {
    expectTypeOf<PageableAction<EciClient>>().toEqualTypeOf<
      | "DescribeContainerGroupStatus"
      | "DescribeContainerGroups"
      | "DescribeImageCaches"
      | "ListTagResources"
    >();
    expectTypeOf<PageableAction<VpcClient>>().toExtend<
      | "DescribeEipAddresses"
      | "DescribeForwardTableEntries"
      | "DescribeNatGateways"
      | "DescribeSnatTableEntries"
      | "DescribeVSwitches"
      | "DescribeVpcs"
    >();
    expectTypeOf<"DescribeVpcs">().toExtend<PageableAction<VpcClient>>();
  });

  it("types the input as the action's input", () => {
    // RegionId may be left out: the client's region
    paginate(eci, "DescribeContainerGroups", {});
    // @ts-expect-error Limit is a number for DescribeContainerGroups
    paginate(eci, "DescribeContainerGroups", { RegionId: "cn-hangzhou", Limit: "20" });
    // ListTagResources.Limit is typed as text by the API
    paginate(eci, "ListTagResources", {
      RegionId: "cn-hangzhou",
      ResourceType: "ContainerGroup",
      Limit: "50",
    });
  });

  it("yields ContainerGroup items for ECI DescribeContainerGroups", () => {
    const groups = paginate(eci, "DescribeContainerGroups", { RegionId: "cn-hangzhou" });
    type Group = typeof groups extends AsyncGenerator<infer T> ? T : never;
    expectTypeOf<Group>().toHaveProperty("ContainerGroupId").toEqualTypeOf<string>(); // always sent
    expectTypeOf<Group>().toHaveProperty("Status");
    expectTypeOf<Group>().not.toHaveProperty("ContainerGroups");
  });

  it("yields Vpc items for VPC DescribeVpcs (the Vpcs.Vpc envelope is unwrapped)", () => {
    const vpcs = paginate(vpc, "DescribeVpcs", { RegionId: "cn-hangzhou" });
    type Vpc = typeof vpcs extends AsyncGenerator<infer T> ? T : never;
    expectTypeOf<Vpc>().toHaveProperty("VpcId").toEqualTypeOf<string>(); // always sent
    expectTypeOf<Vpc>().not.toHaveProperty("Vpc");
  });

  it("types ECS and SLB items too", () => {
    const groups = paginate(ecs, "DescribeSecurityGroups", { RegionId: "cn-hangzhou" });
    type Group = typeof groups extends AsyncGenerator<infer T> ? T : never;
    expectTypeOf<Group>().toHaveProperty("SecurityGroupId");
    const balancers = paginate(slb, "DescribeLoadBalancers", { RegionId: "cn-hangzhou" });
    type Balancer = typeof balancers extends AsyncGenerator<infer T> ? T : never;
    expectTypeOf<Balancer>().toHaveProperty("LoadBalancerId");
  });

  it("pages carry typed items, totals and the whole answer", () => {
    const pages = paginatePages(vpc, "DescribeVpcs", { RegionId: "cn-hangzhou" });
    type P = typeof pages extends AsyncGenerator<infer T> ? T : never;
    expectTypeOf<P>().toExtend<Page<unknown, unknown>>();
    expectTypeOf<P["items"][number]>().toHaveProperty("VpcId");
    expectTypeOf<P["totalCount"]>().toEqualTypeOf<number | undefined>();
    expectTypeOf<P["response"]>().toHaveProperty("RequestId").toEqualTypeOf<string>();
    expectTypeOf<P["response"]>().toHaveProperty("Vpcs");
  });
});
