// Type-level guarantees: wrong names or types do not compile; outputs are typed.
import { describe, expectTypeOf, it } from "vitest";
import {
  createEciClient,
  createSlbClient,
  createVpcClient,
  type EciClient,
} from "../../src/index.js";

declare const eci: EciClient;
const vpc = createVpcClient({ regionId: "cn-hangzhou" });
const slb = createSlbClient({ regionId: "cn-hangzhou" });

describe("inputs", () => {
  it("accepts the API's own names and nested shapes", () => {
    expectTypeOf(eci.createContainerGroup).toBeCallableWith({
      RegionId: "cn-hangzhou",
      ContainerGroupName: "web",
      Container: [{ Name: "nginx", Image: "nginx", Port: [{ Port: 80, Protocol: "TCP" }] }],
    });
  });

  it("rejects a misspelt field, a wrong type, a wrong enum value and a missing required field", () => {
    eci.createContainerGroup({
      RegionId: "cn-hangzhou",
      ContainerGroupName: "web",
      // @ts-expect-error ContainerGroupNmae is not a parameter
      ContainerGroupNmae: "x",
    });
    eci.createContainerGroup({
      RegionId: "r",
      ContainerGroupName: "ww",
      // @ts-expect-error Port must be a number
      Container: [{ Name: "n", Image: "i", Port: [{ Port: "80" }] }],
    });
    eci.createContainerGroup({
      RegionId: "r",
      ContainerGroupName: "ww",
      // @ts-expect-error Protocol is TCP | UDP
      Container: [{ Name: "n", Image: "i", Port: [{ Protocol: "SCTP" }] }],
    });
    // @ts-expect-error ContainerGroupName is required
    eci.createContainerGroup({ RegionId: "cn-hangzhou" });
    // @ts-expect-error ContainerGroupIds is a list, not a JSON string
    eci.describeContainerGroups({ RegionId: "cn-hangzhou", ContainerGroupIds: '["eci-1"]' });
  });

  it("comma-separated parameters take a string or a list; JSON ones take structures", () => {
    expectTypeOf(vpc.describeVpcs).toBeCallableWith({
      RegionId: "cn-hangzhou",
      VpcId: ["vpc-1", "vpc-2"],
    });
    expectTypeOf(vpc.describeVpcs).toBeCallableWith({
      RegionId: "cn-hangzhou",
      VpcId: "vpc-1,vpc-2",
    });
    expectTypeOf(slb.addBackendServers).toBeCallableWith({
      LoadBalancerId: "lb-1",
      BackendServers: [{ ServerId: "eci-1", Weight: 100, Type: "eci", ServerIp: "192.168.0.2" }],
    });
    slb.addBackendServers({
      LoadBalancerId: "lb-1",
      // @ts-expect-error Type is ecs | eni | eci
      BackendServers: [{ ServerId: "eci-1", Type: "ec2" }],
    });
  });
});

describe("outputs", () => {
  it("are typed with the real field names and envelopes", async () => {
    const groups = await eci.describeContainerGroups({ RegionId: "cn-hangzhou" });
    expectTypeOf(groups.RequestId).toEqualTypeOf<string>();
    const group = groups.ContainerGroups?.[0];
    expectTypeOf(group?.ContainerGroupId).toEqualTypeOf<string | undefined>();
    expectTypeOf(group?.Containers?.[0]?.Ports?.[0]?.Port).toEqualTypeOf<number | undefined>();
    const vpcs = await vpc.describeVpcs({ RegionId: "cn-hangzhou" });
    expectTypeOf(vpcs.Vpcs?.Vpc?.[0]?.VpcId).toEqualTypeOf<string | undefined>();
    const eips = await vpc.describeEipAddresses({ RegionId: "cn-hangzhou" });
    expectTypeOf(eips.EipAddresses?.EipAddress?.[0]?.AllocationId).toEqualTypeOf<
      string | undefined
    >();
    const nats = await vpc.describeNatGateways({ RegionId: "cn-hangzhou" });
    expectTypeOf(nats.NatGateways?.NatGateway?.[0]?.SnatTableIds?.SnatTableId).toEqualTypeOf<
      string[] | undefined
    >();
    const lb = await slb.describeLoadBalancerAttribute({ LoadBalancerId: "lb-1" });
    expectTypeOf(lb.BackendServers?.BackendServer?.[0]?.ServerId).toEqualTypeOf<
      string | undefined
    >();
  });

  it("the status of a container group offers the documented states and takes new ones", async () => {
    const groups = await eci.describeContainerGroups({ RegionId: "cn-hangzhou" });
    type Status = NonNullable<NonNullable<typeof groups.ContainerGroups>[number]["Status"]>;
    expectTypeOf<"Running">().toMatchTypeOf<Status>();
    expectTypeOf<Extract<Status, "Running">>().toEqualTypeOf<"Running">();
    expectTypeOf<"Exploded">().toMatchTypeOf<Status>(); // a state the API adds tomorrow
  });

  it("openapi-fetch raw: paths and bodies are typed too", () => {
    // @ts-expect-error not an action of ECI
    eci.raw.POST("/DescribeVpcs", { body: {} });
    expectTypeOf(createEciClient).returns.toEqualTypeOf<EciClient>();
  });
});
