// The fake's VPC against our SDK: every action, the states VPCs, VSwitches, NAT gateways and
// EIPs go through, and the guide's rules (one EIP per instance, SNAT needs an EIP on the NAT).
import { afterAll, describe, expect, it } from "vitest";
import { vpcInfo } from "../../generated/vpc.service.js";
import { expectPopError, expectShape, setup } from "./helpers.js";

const vpcService = await vpcInfo.load();

const seen = new Set<string>();
const RegionId = "cn-hangzhou";
type Env = ReturnType<typeof setup>;

/** Calls an action through the SDK, checks the answer's shape and notes the action as covered. */
async function call<T>(action: string, pending: Promise<T>): Promise<T> {
  const out = await pending;
  expectShape("vpc", action, out);
  seen.add(action);
  return out;
}

async function network(env: Env) {
  const { VpcId } = await call(
    "CreateVpc",
    env.vpc.createVpc({ RegionId, CidrBlock: "192.168.0.0/16", VpcName: "main" }),
  );
  env.fake.advance(5_000);
  const { VSwitchId } = await call(
    "CreateVSwitch",
    env.vpc.createVSwitch({
      RegionId,
      VpcId: VpcId as string,
      ZoneId: "cn-hangzhou-h",
      CidrBlock: "192.168.1.0/24",
      VSwitchName: "a",
    }),
  );
  env.fake.advance(5_000);
  return { vpcId: VpcId as string, vSwitchId: VSwitchId as string };
}

async function natWithEip(env: Env) {
  const net = await network(env);
  const nat = await call(
    "CreateNatGateway",
    env.vpc.createNatGateway({ RegionId, VpcId: net.vpcId, VSwitchId: net.vSwitchId, Name: "gw" }),
  );
  env.fake.advance(15_000);
  const eip = await call(
    "AllocateEipAddress",
    env.vpc.allocateEipAddress({ RegionId, Bandwidth: "10" }),
  );
  await call(
    "AssociateEipAddress",
    env.vpc.associateEipAddress({
      RegionId,
      AllocationId: eip.AllocationId as string,
      InstanceId: nat.NatGatewayId as string,
      InstanceType: "Nat",
    }),
  );
  env.fake.advance(5_000);
  return {
    ...net,
    natId: nat.NatGatewayId as string,
    snatTableId: nat.SnatTableIds?.SnatTableId?.[0] as string,
    forwardTableId: nat.ForwardTableIds?.ForwardTableId?.[0] as string,
    allocationId: eip.AllocationId as string,
    ip: eip.EipAddress as string,
  };
}

describe("VPCs and VSwitches", () => {
  it("CreateVpc: Pending → Available; DescribeVpcs and DescribeVpcAttribute show it", async () => {
    const env = setup();
    const created = await call(
      "CreateVpc",
      env.vpc.createVpc({ RegionId, CidrBlock: "10.0.0.0/8", VpcName: "v" }),
    );
    expect(created.VpcId).toMatch(/^vpc-[a-z0-9]{20}$/);
    expect(created.VRouterId).toMatch(/^vrt-/);
    expect(created.RouteTableId).toMatch(/^vtb-/);
    const list = await call(
      "DescribeVpcs",
      env.vpc.describeVpcs({ RegionId, VpcId: created.VpcId as string }),
    );
    expect(list.Vpcs?.Vpc?.[0]).toMatchObject({
      Status: "Pending",
      CidrBlock: "10.0.0.0/8",
      VpcName: "v",
    });
    env.fake.advance(2_000);
    const attribute = await call(
      "DescribeVpcAttribute",
      env.vpc.describeVpcAttribute({ RegionId, VpcId: created.VpcId as string }),
    );
    expect(attribute.Status).toBe("Available");
    await expectPopError(
      env.vpc.describeVpcAttribute({ RegionId, VpcId: "vpc-bp1nothere0000000000" }),
      "InvalidVpcID.NotFound",
      404,
    );
    await expectPopError(
      env.vpc.createVpc({ RegionId, CidrBlock: "8.8.0.0/16" }),
      "InvalidCidrBlock.Malformed",
      400,
    );
  });

  it("CreateVSwitch needs an Available VPC, a CIDR inside it that overlaps no sibling, a real zone", async () => {
    const env = setup();
    const { VpcId } = await env.vpc.createVpc({ RegionId, CidrBlock: "192.168.0.0/16" });
    const vpcId = VpcId as string;
    const make = (CidrBlock: string, ZoneId = "cn-hangzhou-h") =>
      env.vpc.createVSwitch({ RegionId, VpcId: vpcId, ZoneId, CidrBlock });
    await expectPopError(make("192.168.1.0/24"), "IncorrectVpcStatus", 400);
    env.fake.advance(2_000);
    await make("192.168.1.0/24");
    await expectPopError(make("192.168.1.128/25"), "InvalidCidrBlock.Overlapped", 400);
    await expectPopError(make("10.0.0.0/24"), "InvalidCidrBlock.Malformed", 400);
    await expectPopError(make("192.168.2.0/24", "cn-hangzhou-z"), "InvalidZoneId.NotFound", 404);
  });

  it("DescribeVSwitches and DescribeVSwitchAttributes: Pending → Available, free addresses counted", async () => {
    const env = setup();
    const { vpcId, vSwitchId } = await network(env);
    const list = await call(
      "DescribeVSwitches",
      env.vpc.describeVSwitches({ RegionId, VpcId: vpcId }),
    );
    expect(list.TotalCount).toBe(1);
    const attribute = await call(
      "DescribeVSwitchAttributes",
      env.vpc.describeVSwitchAttributes({ RegionId, VSwitchId: vSwitchId }),
    );
    expect(attribute).toMatchObject({
      Status: "Available",
      CidrBlock: "192.168.1.0/24",
      ZoneId: "cn-hangzhou-h",
      AvailableIpAddressCount: 252,
    });
    await env.eci.createContainerGroup({
      RegionId,
      ContainerGroupName: "gg",
      VSwitchId: vSwitchId,
      Container: [{ Name: "c", Image: "nginx:1.25" }],
    });
    expect(
      (await env.vpc.describeVSwitchAttributes({ RegionId, VSwitchId: vSwitchId }))
        .AvailableIpAddressCount,
    ).toBe(251);
  });

  it("DeleteVSwitch and DeleteVpc refuse while something depends on them", async () => {
    const env = setup();
    const { vpcId, vSwitchId } = await network(env);
    await expectPopError(
      env.vpc.deleteVpc({ RegionId, VpcId: vpcId }),
      "DependencyViolation.VSwitch",
      400,
    );
    const { ContainerGroupId } = await env.eci.createContainerGroup({
      RegionId,
      ContainerGroupName: "gg",
      VSwitchId: vSwitchId,
      Container: [{ Name: "c", Image: "nginx:1.25" }],
    });
    await expectPopError(
      env.vpc.deleteVSwitch({ RegionId, VSwitchId: vSwitchId }),
      "DependencyViolation.NetworkInterface",
      400,
    );
    await env.eci.deleteContainerGroup({ RegionId, ContainerGroupId: ContainerGroupId as string });
    await call("DeleteVSwitch", env.vpc.deleteVSwitch({ RegionId, VSwitchId: vSwitchId }));
    await call("DeleteVpc", env.vpc.deleteVpc({ RegionId, VpcId: vpcId }));
    expect((await env.vpc.describeVpcs({ RegionId })).TotalCount).toBe(0);
  });

  it("DryRun answers DryRunOperation and changes nothing", async () => {
    const env = setup();
    await expectPopError(env.vpc.createVpc({ RegionId, DryRun: true }), "DryRunOperation", 400);
    expect(env.fake.state.vpc.vpcs).toHaveLength(0);
  });
});

describe("NAT gateways, EIPs, SNAT and DNAT (topic 1)", () => {
  it("CreateNatGateway: Creating → Available, with stb- and ftb- table ids", async () => {
    const env = setup();
    const { vpcId, vSwitchId } = await network(env);
    const nat = await call(
      "CreateNatGateway",
      env.vpc.createNatGateway({ RegionId, VpcId: vpcId, VSwitchId: vSwitchId }),
    );
    expect(nat.NatGatewayId).toMatch(/^ngw-/);
    expect(nat.SnatTableIds?.SnatTableId?.[0]).toMatch(/^stb-/);
    expect(nat.ForwardTableIds?.ForwardTableId?.[0]).toMatch(/^ftb-/);
    const listed = await call(
      "DescribeNatGateways",
      env.vpc.describeNatGateways({ RegionId, VpcId: vpcId }),
    );
    expect(listed.NatGateways?.NatGateway?.[0]?.Status).toBe("Creating");
    env.fake.advance(10_000);
    const attribute = await call(
      "GetNatGatewayAttribute",
      env.vpc.getNatGatewayAttribute({ RegionId, NatGatewayId: nat.NatGatewayId as string }),
    );
    expect(attribute.Status).toBe("Available");
    expect(attribute.PrivateInfo?.VswitchId).toBe(vSwitchId);
    expect((await env.vpc.describeVpcAttribute({ RegionId, VpcId: vpcId })).VpcId).toBe(vpcId);
    expect(
      (await env.vpc.describeVpcs({ RegionId })).Vpcs?.Vpc?.[0]?.NatGatewayIds?.NatGatewayIds,
    ).toEqual([nat.NatGatewayId]);
  });

  it("EIPs: Associating → InUse, Unassociating → Available; DescribeEipAddresses shows the binding", async () => {
    const env = setup();
    const { natId, allocationId, ip } = await natWithEip(env);
    expect(allocationId).toMatch(/^eip-/);
    const list = await call(
      "DescribeEipAddresses",
      env.vpc.describeEipAddresses({ RegionId, AllocationId: allocationId }),
    );
    expect(list.EipAddresses?.EipAddress?.[0]).toMatchObject({
      Status: "InUse",
      InstanceId: natId,
      InstanceType: "Nat",
      IpAddress: ip,
    });
    await call(
      "UnassociateEipAddress",
      env.vpc.unassociateEipAddress({
        RegionId,
        AllocationId: allocationId,
        InstanceId: natId,
        InstanceType: "Nat",
      }),
    );
    expect(
      (await env.vpc.describeEipAddresses({ RegionId })).EipAddresses?.EipAddress?.[0]?.Status,
    ).toBe("Unassociating");
    await expectPopError(
      env.vpc.releaseEipAddress({ RegionId, AllocationId: allocationId }),
      "IncorrectEipStatus",
      400,
    );
    env.fake.advance(5_000);
    expect(
      (await env.vpc.describeEipAddresses({ RegionId })).EipAddresses?.EipAddress?.[0],
    ).toMatchObject({ Status: "Available", InstanceId: "" });
    await call(
      "ReleaseEipAddress",
      env.vpc.releaseEipAddress({ RegionId, AllocationId: allocationId }),
    );
    await expectPopError(
      env.vpc.releaseEipAddress({ RegionId, AllocationId: allocationId }),
      "InvalidAllocationId.NotFound",
      404,
    );
  });

  it("one EIP binds to one instance only: a bound EIP, or a second EIP for a group, is refused", async () => {
    const env = setup();
    const { ContainerGroupId } = await env.eci.createContainerGroup({
      RegionId,
      ContainerGroupName: "web",
      AutoCreateEip: true,
      Container: [{ Name: "c", Image: "nginx:1.25" }],
    });
    const group = env.fake.state.eci.containerGroups[0];
    const [auto] = env.fake.state.vpc.eipAddresses;
    expect(auto).toMatchObject({
      InstanceId: group?.EniInstanceId,
      InstanceType: "NetworkInterface",
      Status: "Associating",
    });
    const second = await env.vpc.allocateEipAddress({ RegionId });
    await expectPopError(
      env.vpc.associateEipAddress({
        RegionId,
        AllocationId: second.AllocationId as string,
        InstanceId: group?.EniInstanceId as string,
        InstanceType: "NetworkInterface",
      }),
      "InvalidAssociation.Duplicated",
      400,
    );
    const other = await env.eci.createContainerGroup({
      RegionId,
      ContainerGroupName: "other",
      Container: [{ Name: "c", Image: "nginx:1.25" }],
    });
    const otherEni = env.fake.state.eci.containerGroups.find(
      (g) => g.ContainerGroupId === other.ContainerGroupId,
    )?.EniInstanceId as string;
    await expectPopError(
      env.vpc.associateEipAddress({
        RegionId,
        AllocationId: auto?.AllocationId as string,
        InstanceId: otherEni,
        InstanceType: "NetworkInterface",
      }),
      "IncorrectEipStatus",
      400,
    );
    await expectPopError(
      env.eci.createContainerGroup({
        RegionId,
        ContainerGroupName: "third",
        EipInstanceId: auto?.AllocationId as string,
        Container: [{ Name: "c", Image: "nginx:1.25" }],
      }),
      "IncorrectEipStatus",
      400,
    );
    env.fake.advance(60_000);
    const running = (
      await env.eci.describeContainerGroups({
        RegionId,
        ContainerGroupIds: [ContainerGroupId as string],
      })
    ).ContainerGroups?.[0];
    expect(running?.InternetIp).toBe(auto?.IpAddress);
    await env.eci.deleteContainerGroup({ RegionId, ContainerGroupId: ContainerGroupId as string });
    expect(env.fake.state.vpc.eipAddresses.map((e) => e.AllocationId)).toEqual([
      second.AllocationId,
    ]);
  });

  it("SNAT needs an EIP on the NAT gateway: without one CreateSnatEntry is refused", async () => {
    const env = setup();
    const { vpcId, vSwitchId } = await network(env);
    const nat = await env.vpc.createNatGateway({ RegionId, VpcId: vpcId, VSwitchId: vSwitchId });
    env.fake.advance(10_000);
    const { AllocationId, EipAddress } = await env.vpc.allocateEipAddress({ RegionId });
    const snat = {
      RegionId,
      SnatTableId: nat.SnatTableIds?.SnatTableId?.[0] as string,
      SnatIp: EipAddress as string,
      SourceVSwitchId: vSwitchId,
    };
    const refused = await expectPopError(env.vpc.createSnatEntry(snat), "EIP_NOT_IN_GATEWAY", 400);
    expect(refused.message).toContain(EipAddress as string);
    await env.vpc.associateEipAddress({
      RegionId,
      AllocationId: AllocationId as string,
      InstanceId: nat.NatGatewayId as string,
      InstanceType: "Nat",
    });
    env.fake.advance(5_000);
    const { SnatEntryId } = await call("CreateSnatEntry", env.vpc.createSnatEntry(snat));
    expect(SnatEntryId).toMatch(/^snat-/);
    await expectPopError(
      env.vpc.createSnatEntry({ ...snat, SourceVSwitchId: undefined }),
      "MissingParameter",
      400,
    );
  });

  it("SNAT and DNAT entries: Pending → Available, listed, deleted; a NAT gateway in use is not deleted", async () => {
    const env = setup();
    const { natId, snatTableId, forwardTableId, ip, vSwitchId } = await natWithEip(env);
    const { SnatEntryId } = await env.vpc.createSnatEntry({
      RegionId,
      SnatTableId: snatTableId,
      SnatIp: ip,
      SourceVSwitchId: vSwitchId,
    });
    const snat = await call(
      "DescribeSnatTableEntries",
      env.vpc.describeSnatTableEntries({ RegionId, SnatTableId: snatTableId }),
    );
    expect(snat.SnatTableEntries?.SnatTableEntry?.[0]).toMatchObject({
      SnatEntryId,
      Status: "Pending",
      SnatIp: ip,
      SourceCIDR: "192.168.1.0/24",
    });
    const { ForwardEntryId } = await call(
      "CreateForwardEntry",
      env.vpc.createForwardEntry({
        RegionId,
        ForwardTableId: forwardTableId,
        ExternalIp: ip,
        ExternalPort: "80",
        InternalIp: "192.168.1.10",
        InternalPort: "80",
        IpProtocol: "TCP",
      }),
    );
    expect(ForwardEntryId).toMatch(/^fwd-/);
    await expectPopError(
      env.vpc.createForwardEntry({
        RegionId,
        ForwardTableId: forwardTableId,
        ExternalIp: "1.2.3.4",
        ExternalPort: "81",
        InternalIp: "192.168.1.10",
        InternalPort: "80",
        IpProtocol: "TCP",
      }),
      "InvalidIp.NotInNatgw",
      400,
    );
    env.fake.advance(5_000);
    const dnat = await call(
      "DescribeForwardTableEntries",
      env.vpc.describeForwardTableEntries({ RegionId, ForwardTableId: forwardTableId }),
    );
    expect(dnat.ForwardTableEntries?.ForwardTableEntry?.[0]).toMatchObject({
      ForwardEntryId,
      Status: "Available",
      IpProtocol: "tcp",
    });
    await expectPopError(
      env.vpc.deleteNatGateway({ RegionId, NatGatewayId: natId }),
      "DependencyViolation.SnatEntry",
      400,
    );
    await expectPopError(
      env.vpc.unassociateEipAddress({
        RegionId,
        AllocationId: env.fake.state.vpc.eipAddresses[0]?.AllocationId as string,
      }),
      "DependencyViolation.SnatEntry",
      400,
    );
    await call(
      "DeleteSnatEntry",
      env.vpc.deleteSnatEntry({
        RegionId,
        SnatTableId: snatTableId,
        SnatEntryId: SnatEntryId as string,
      }),
    );
    await call(
      "DeleteForwardEntry",
      env.vpc.deleteForwardEntry({
        RegionId,
        ForwardTableId: forwardTableId,
        ForwardEntryId: ForwardEntryId as string,
      }),
    );
    await expectPopError(
      env.vpc.deleteNatGateway({ RegionId, NatGatewayId: natId }),
      "DependencyViolation.EIPS",
      400,
    );
    await call(
      "DeleteNatGateway",
      env.vpc.deleteNatGateway({ RegionId, NatGatewayId: natId, Force: true }),
    );
    expect(env.fake.state.vpc.eipAddresses[0]?.Status).toBe("Available");
    await expectPopError(
      env.vpc.getNatGatewayAttribute({ RegionId, NatGatewayId: natId }),
      "InvalidNatGatewayId.NotFound",
      404,
    );
  });

  it("a SNAT entry for the VSwitch gives its container groups the internet", async () => {
    const env = setup();
    const { snatTableId, ip, vSwitchId } = await natWithEip(env);
    await env.vpc.createSnatEntry({
      RegionId,
      SnatTableId: snatTableId,
      SnatIp: ip,
      SourceVSwitchId: vSwitchId,
    });
    env.fake.advance(5_000);
    const { ContainerGroupId } = await env.eci.createContainerGroup({
      RegionId,
      ContainerGroupName: "online",
      VSwitchId: vSwitchId,
      Container: [{ Name: "c", Image: "nginx:1.25" }],
    });
    env.fake.advance(60_000);
    const group = (
      await env.eci.describeContainerGroups({
        RegionId,
        ContainerGroupIds: [ContainerGroupId as string],
      })
    ).ContainerGroups?.[0];
    expect(group?.Status).toBe("Running");
    expect(group?.InternetIp).toBe("");
  });
});

afterAll(() => {
  expect([...seen].sort()).toEqual(Object.keys(vpcService.actions).sort());
});
