// The named types of issue 17: every input, output and nested object has a name that is
// the operation's own type; RegionId may be left to the client; response enums are open,
// request enums closed.
import { describe, expectTypeOf, it } from "vitest";
import type {
  BackendServer,
  Container,
  ContainerGroup,
  ContainerGroupState,
  ContainerPort,
  CreateContainerGroupInput,
  CreateContainerGroupOutput,
  DescribeContainerGroupsOutput,
  DescribeVpcsInput,
  DescribeVpcsOutput,
  EciClient,
  EciOperations,
  EciTag,
  EciTypes,
  EnvironmentVar,
  Input,
  Output,
  SecurityGroupRule,
  SlbOperations,
  Volume,
  VpcClient,
  VpcOperations,
  VpcTag,
  VpcTypes,
} from "../../src/index.js";

declare const eci: EciClient;
declare const vpc: VpcClient;

describe("named types", () => {
  it("<Action>Input and <Action>Output are the operation's types", () => {
    expectTypeOf<CreateContainerGroupInput>().toEqualTypeOf<
      Input<EciOperations, "CreateContainerGroup">
    >();
    expectTypeOf<CreateContainerGroupOutput>().toEqualTypeOf<
      Output<EciOperations, "CreateContainerGroup">
    >();
    expectTypeOf<DescribeVpcsInput>().toEqualTypeOf<Input<VpcOperations, "DescribeVpcs">>();
    expectTypeOf<DescribeVpcsOutput>().toEqualTypeOf<Output<VpcOperations, "DescribeVpcs">>();
  });

  it("the client's methods take and return them", () => {
    expectTypeOf(eci.createContainerGroup).parameter(0).toEqualTypeOf<CreateContainerGroupInput>();
    expectTypeOf(
      eci.createContainerGroup,
    ).returns.resolves.toEqualTypeOf<CreateContainerGroupOutput>();
    expectTypeOf(vpc.describeVpcs).returns.resolves.toEqualTypeOf<DescribeVpcsOutput>();
  });

  it("nested objects are named as the spec's components", () => {
    type Spec = NonNullable<CreateContainerGroupInput["Container"]>[number];
    expectTypeOf<Container>().toEqualTypeOf<Spec>();
    expectTypeOf<ContainerPort>().toEqualTypeOf<NonNullable<Container["Port"]>[number]>();
    expectTypeOf<EnvironmentVar>().toEqualTypeOf<
      NonNullable<Container["EnvironmentVar"]>[number]
    >();
    expectTypeOf<Volume>().toEqualTypeOf<
      NonNullable<CreateContainerGroupInput["Volume"]>[number]
    >();
    expectTypeOf<ContainerGroup>().toEqualTypeOf<
      NonNullable<DescribeContainerGroupsOutput["ContainerGroups"]>[number]
    >();
    type AddServers = Input<SlbOperations, "AddBackendServers">;
    expectTypeOf<BackendServer>().toEqualTypeOf<
      NonNullable<AddServers["BackendServers"]>[number]
    >();
    expectTypeOf<SecurityGroupRule>().toHaveProperty("IpProtocol");
  });

  it("a name two products share is prefixed; every name is in the product's namespace", () => {
    expectTypeOf<EciTag>().toEqualTypeOf<EciTypes.Tag>();
    expectTypeOf<VpcTag>().toEqualTypeOf<VpcTypes.Tag>();
    expectTypeOf<EciTypes.Container>().toEqualTypeOf<Container>();
    expectTypeOf<VpcTypes.DescribeVpcsInput>().toEqualTypeOf<DescribeVpcsInput>();
  });
});

describe("RegionId", () => {
  it("may be left out of an input: the client fills in its own", () => {
    expectTypeOf(eci.createContainerGroup).toBeCallableWith({ ContainerGroupName: "web" });
    expectTypeOf(vpc.describeVpcs).toBeCallableWith({});
    expectTypeOf<{ ContainerGroupName: "web" }>().toExtend<CreateContainerGroupInput>();
  });

  it("may still be given, and must be a string", () => {
    expectTypeOf(eci.createContainerGroup).toBeCallableWith({
      RegionId: "cn-beijing",
      ContainerGroupName: "web",
    });
    // @ts-expect-error RegionId is a string
    eci.createContainerGroup({ RegionId: 1, ContainerGroupName: "web" });
  });

  it("an input with nothing else required may be left out", () => {
    expectTypeOf(eci.describeContainerGroups).toBeCallableWith();
    // @ts-expect-error ContainerGroupName is required
    eci.createContainerGroup();
  });
});

describe("enums", () => {
  it("a response enum takes a value the API adds tomorrow, and still offers the known ones", () => {
    const s: ContainerGroupState = "SomethingNew"; // compiles
    expectTypeOf(s).toExtend<ContainerGroupState>();
    expectTypeOf<"Running">().toExtend<ContainerGroupState>();
    expectTypeOf<string>().toExtend<ContainerGroupState>();
    // the known values are literal members, not swallowed by `string`
    expectTypeOf<Extract<ContainerGroupState, "Running" | "Pending">>().toEqualTypeOf<
      "Running" | "Pending"
    >();
    expectTypeOf<ContainerGroup["Status"]>().toEqualTypeOf<ContainerGroupState>();
    // NonNullable, as on an optional field, keeps them too
    type Optional = ContainerGroupState | undefined;
    expectTypeOf<Extract<NonNullable<Optional>, "Running">>().toEqualTypeOf<"Running">();
  });

  it("a request enum refuses an unknown value", () => {
    const port: ContainerPort = { Port: 80, Protocol: "TCP" };
    expectTypeOf(port.Protocol).toEqualTypeOf<"TCP" | "UDP" | undefined>();
    // @ts-expect-error Protocol is TCP | UDP
    const wrong: ContainerPort = { Port: 80, Protocol: "SCTP" };
    expectTypeOf(wrong).toEqualTypeOf<ContainerPort>();
  });

  it("an enum requests share with responses is closed in the request, open in the answer", async () => {
    // @ts-expect-error DescribeEipAddresses filters by a known status only
    vpc.describeEipAddresses({ Status: "Exploded" });
    const eips = await vpc.describeEipAddresses({ Status: "InUse" });
    const status = eips.EipAddresses?.EipAddress?.[0]?.Status;
    expectTypeOf<"Exploded">().toExtend<NonNullable<typeof status>>();
    expectTypeOf<"InUse">().toExtend<NonNullable<typeof status>>();
  });
});
