// The fake's ECS security groups against our SDK: every action, rules per direction, and
// the dependencies that stop a deletion.
import { afterAll, describe, expect, it } from "vitest";
import { ecsInfo } from "../../generated/ecs.service.js";
import { expectPopError, expectShape, setup } from "./helpers.js";

const ecsService = await ecsInfo.load();

const seen = new Set<string>();
const RegionId = "cn-hangzhou";

async function call<T>(action: string, pending: Promise<T>): Promise<T> {
  const out = await pending;
  expectShape("ecs", action, out);
  seen.add(action);
  return out;
}

async function group(env: ReturnType<typeof setup>) {
  const { VpcId } = await env.vpc.createVpc({ RegionId, CidrBlock: "172.16.0.0/12" });
  const { SecurityGroupId } = await call(
    "CreateSecurityGroup",
    env.ecs.createSecurityGroup({ RegionId, VpcId: VpcId as string, SecurityGroupName: "web" }),
  );
  return { vpcId: VpcId as string, id: SecurityGroupId as string };
}

describe("security groups", () => {
  it("CreateSecurityGroup returns an sg- id; DescribeSecurityGroups lists it by page or by token", async () => {
    const env = setup();
    const { id, vpcId } = await group(env);
    expect(id).toMatch(/^sg-[a-z0-9]{20}$/);
    const paged = await call(
      "DescribeSecurityGroups",
      env.ecs.describeSecurityGroups({ RegionId, VpcId: vpcId }),
    );
    expect(paged.SecurityGroups?.SecurityGroup?.[0]).toMatchObject({
      SecurityGroupId: id,
      SecurityGroupName: "web",
      SecurityGroupType: "normal",
      VpcId: vpcId,
    });
    expect(paged).toMatchObject({ TotalCount: 1, PageNumber: 1 });
    await env.ecs.createSecurityGroup({ RegionId, VpcId: vpcId, SecurityGroupName: "db" });
    const token = await env.ecs.describeSecurityGroups({ RegionId, MaxResults: 1 });
    expect(token.SecurityGroups?.SecurityGroup).toHaveLength(1);
    expect(token.NextToken).not.toBe("");
    const byIds = await env.ecs.describeSecurityGroups({ RegionId, SecurityGroupIds: [id] });
    expect(byIds.TotalCount).toBe(1);
    await expectPopError(
      env.ecs.createSecurityGroup({ RegionId, VpcId: "vpc-bp1nothere0000000000" }),
      "InvalidVpcId.NotFound",
      404,
    );
  });

  it("AuthorizeSecurityGroup and AuthorizeSecurityGroupEgress add rules once; DescribeSecurityGroupAttribute lists them", async () => {
    const env = setup();
    const { id } = await group(env);
    const http = { IpProtocol: "TCP" as const, PortRange: "80/80", SourceCidrIp: "0.0.0.0/0" };
    await call(
      "AuthorizeSecurityGroup",
      env.ecs.authorizeSecurityGroup({ RegionId, SecurityGroupId: id, Permissions: [http] }),
    );
    await env.ecs.authorizeSecurityGroup({ RegionId, SecurityGroupId: id, Permissions: [http] });
    await env.ecs.authorizeSecurityGroup({
      RegionId,
      SecurityGroupId: id,
      IpProtocol: "ICMP",
      SourceCidrIp: "10.0.0.0/8",
    });
    await call(
      "AuthorizeSecurityGroupEgress",
      env.ecs.authorizeSecurityGroupEgress({
        RegionId,
        SecurityGroupId: id,
        Permissions: [{ IpProtocol: "ALL", DestCidrIp: "0.0.0.0/0", Policy: "drop" }],
      }),
    );
    const all = await call(
      "DescribeSecurityGroupAttribute",
      env.ecs.describeSecurityGroupAttribute({ RegionId, SecurityGroupId: id }),
    );
    expect(
      all.Permissions?.Permission?.map((p) => [p.Direction, p.IpProtocol, p.PortRange, p.Policy]),
    ).toEqual([
      ["ingress", "TCP", "80/80", "Accept"],
      ["ingress", "ICMP", "-1/-1", "Accept"],
      ["egress", "ALL", "-1/-1", "Drop"],
    ]);
    expect(all.Permissions?.Permission?.[0]?.SecurityGroupRuleId).toMatch(/^sgr-/);
    const egress = await env.ecs.describeSecurityGroupAttribute({
      RegionId,
      SecurityGroupId: id,
      Direction: "egress",
    });
    expect(egress.Permissions?.Permission).toHaveLength(1);
    await expectPopError(
      env.ecs.authorizeSecurityGroup({
        RegionId,
        SecurityGroupId: id,
        Permissions: [{ IpProtocol: "TCP", SourceCidrIp: "0.0.0.0/0" }],
      }),
      "MissingParameter",
      400,
    );
    await expectPopError(
      env.ecs.authorizeSecurityGroup({
        RegionId,
        SecurityGroupId: id,
        Permissions: [{ IpProtocol: "TCP", PortRange: "80/80" }],
      }),
      "MissingParameter",
      400,
    );
    await expectPopError(
      env.ecs.authorizeSecurityGroup({
        RegionId,
        SecurityGroupId: "sg-bp1nothere000000000",
        Permissions: [http],
      }),
      "InvalidSecurityGroupId.NotFound",
      404,
    );
  });

  it("RevokeSecurityGroup removes ingress rules by id or by description of the rule", async () => {
    const env = setup();
    const { id } = await group(env);
    await env.ecs.authorizeSecurityGroup({
      RegionId,
      SecurityGroupId: id,
      Permissions: [
        { IpProtocol: "TCP", PortRange: "80/80", SourceCidrIp: "0.0.0.0/0" },
        { IpProtocol: "TCP", PortRange: "443/443", SourceCidrIp: "0.0.0.0/0" },
      ],
    });
    const [first] =
      (await env.ecs.describeSecurityGroupAttribute({ RegionId, SecurityGroupId: id })).Permissions
        ?.Permission ?? [];
    await call(
      "RevokeSecurityGroup",
      env.ecs.revokeSecurityGroup({
        RegionId,
        SecurityGroupId: id,
        SecurityGroupRuleId: [first?.SecurityGroupRuleId as string],
      }),
    );
    await env.ecs.revokeSecurityGroup({
      RegionId,
      SecurityGroupId: id,
      Permissions: [{ IpProtocol: "TCP", PortRange: "443/443", SourceCidrIp: "0.0.0.0/0" }],
    });
    expect(
      (await env.ecs.describeSecurityGroupAttribute({ RegionId, SecurityGroupId: id })).Permissions
        ?.Permission,
    ).toEqual([]);
    await expectPopError(
      env.ecs.revokeSecurityGroup({
        RegionId,
        SecurityGroupId: id,
        SecurityGroupRuleId: ["sgr-gone"],
      }),
      "InvalidSecurityGroupRuleId.NotFound",
      404,
    );
  });

  it("ModifySecurityGroupPolicy sets the inner access policy", async () => {
    const env = setup();
    const { id } = await group(env);
    await call(
      "ModifySecurityGroupPolicy",
      env.ecs.modifySecurityGroupPolicy({
        RegionId,
        SecurityGroupId: id,
        InnerAccessPolicy: "Drop",
      }),
    );
    expect(
      (await env.ecs.describeSecurityGroupAttribute({ RegionId, SecurityGroupId: id }))
        .InnerAccessPolicy,
    ).toBe("Drop");
  });

  it("DeleteSecurityGroup refuses while a container group uses it", async () => {
    const env = setup();
    const { id, vpcId } = await group(env);
    env.fake.advance(5_000);
    const { VSwitchId } = await env.vpc.createVSwitch({
      RegionId,
      VpcId: vpcId,
      ZoneId: "cn-hangzhou-i",
      CidrBlock: "172.16.1.0/24",
    });
    env.fake.advance(5_000);
    const { ContainerGroupId } = await env.eci.createContainerGroup({
      RegionId,
      ContainerGroupName: "gg",
      SecurityGroupId: id,
      VSwitchId: VSwitchId as string,
      Container: [{ Name: "c", Image: "registry.cn-hangzhou.aliyuncs.com/eci_open/nginx:1.14.2" }],
    });
    expect(env.fake.state.ecs.securityGroups[0]?.EcsCount).toBe(1);
    await expectPopError(
      env.ecs.deleteSecurityGroup({ RegionId, SecurityGroupId: id }),
      "DependencyViolation",
      400,
    );
    await env.eci.deleteContainerGroup({ RegionId, ContainerGroupId: ContainerGroupId as string });
    await call(
      "DeleteSecurityGroup",
      env.ecs.deleteSecurityGroup({ RegionId, SecurityGroupId: id }),
    );
    await expectPopError(
      env.ecs.describeSecurityGroupAttribute({ RegionId, SecurityGroupId: id }),
      "InvalidSecurityGroupId.NotFound",
      404,
    );
  });

  it("a container group's security group must exist", async () => {
    const env = setup();
    await expectPopError(
      env.eci.createContainerGroup({
        RegionId,
        ContainerGroupName: "gg",
        SecurityGroupId: "sg-bp1nothere000000000",
        Container: [{ Name: "c", Image: "nginx:1.25" }],
      }),
      "InvalidSecurityGroupId.NotFound",
      404,
    );
  });
});

afterAll(() => {
  expect([...seen].sort()).toEqual(Object.keys(ecsService.actions).sort());
});
