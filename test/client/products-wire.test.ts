// The wire form of representative VPC, ECS and SLB calls: nested lists, every one-string
// parameter (JSON and comma-separated) and the APIs' odd names, as the gateway expects them.
import { describe, expect, it } from "vitest";
import {
  createEcsClient,
  createSlbClient,
  createVpcClient,
  NotFoundError,
  ThrottlingError,
} from "../../src/index.js";
import { json, KEYS, popErrorBody, scriptedFetch } from "../helpers.js";

function clients(...replies: Parameters<typeof scriptedFetch>) {
  const { fetch, sent } = scriptedFetch(...(replies.length ? replies : [json({ RequestId: "r" })]));
  const options = { regionId: "cn-hangzhou", credentials: KEYS, fetch, retry: false as const };
  return {
    vpc: createVpcClient(options),
    ecs: createEcsClient(options),
    slb: createSlbClient(options),
    sent,
  };
}

describe("ECS", () => {
  it("Permissions.N.* rules flatten 1-based, with every field of each rule", async () => {
    const { ecs, sent } = clients();
    await ecs.authorizeSecurityGroup({
      RegionId: "cn-hangzhou",
      SecurityGroupId: "sg-1",
      Permissions: [
        { IpProtocol: "TCP", PortRange: "80/80", SourceCidrIp: "0.0.0.0/0", Priority: "1" },
        {
          IpProtocol: "TCP",
          PortRange: "443/443",
          SourceCidrIp: "10.0.0.0/8",
          Description: "https",
        },
      ],
    });
    expect(sent[0]?.params).toMatchObject({
      "Permissions.1.IpProtocol": "TCP",
      "Permissions.1.PortRange": "80/80",
      "Permissions.1.SourceCidrIp": "0.0.0.0/0",
      "Permissions.1.Priority": "1",
      "Permissions.2.PortRange": "443/443",
      "Permissions.2.Description": "https",
    });
    expect(sent[0]?.headers["x-acs-version"]).toBe("2014-05-26");
    expect(sent[0]?.params.ClientToken).toMatch(/^[0-9a-f-]{36}$/);
  });

  it("SecurityGroupIds travels as one JSON array", async () => {
    const { ecs, sent } = clients();
    await ecs.describeSecurityGroups({
      RegionId: "cn-hangzhou",
      SecurityGroupIds: ["sg-1", "sg-2"],
    });
    expect(sent[0]?.params.SecurityGroupIds).toBe('["sg-1","sg-2"]');
  });
});

describe("VPC", () => {
  it("AccessMode travels as one JSON object; Tag.N flattens", async () => {
    const { vpc, sent } = clients();
    await vpc.createNatGateway({
      RegionId: "cn-hangzhou",
      VpcId: "vpc-1",
      NatType: "Enhanced",
      NetworkType: "intranet",
      AccessMode: { ModeValue: "tunnel", TunnelType: "geneve" },
      Tag: [{ Key: "team", Value: "infra" }],
    });
    expect(sent[0]?.params).toMatchObject({
      AccessMode: '{"ModeValue":"tunnel","TunnelType":"geneve"}',
      "Tag.1.Key": "team",
      "Tag.1.Value": "infra",
    });
  });

  it("comma-separated parameters take a list or a string", async () => {
    const { vpc, sent } = clients();
    await vpc.createSnatEntry({
      RegionId: "cn-hangzhou",
      SnatTableId: "stb-1",
      SnatIp: ["47.0.0.1", "47.0.0.2"],
      SourceVSwitchId: "vsw-1",
    });
    await vpc.describeVpcs({ RegionId: "cn-hangzhou", VpcId: ["vpc-1", "vpc-2"] });
    await vpc.describeVpcs({ RegionId: "cn-hangzhou", VpcId: "vpc-3,vpc-4" });
    expect(sent.map((s) => s.params.SnatIp ?? s.params.VpcId)).toEqual([
      "47.0.0.1,47.0.0.2",
      "vpc-1,vpc-2",
      "vpc-3,vpc-4",
    ]);
  });

  it("EIP bandwidth is a string on the wire", async () => {
    const { vpc, sent } = clients();
    await vpc.allocateEipAddress({
      RegionId: "cn-hangzhou",
      Bandwidth: "10",
      InternetChargeType: "PayByTraffic",
    });
    expect(sent[0]?.params.Bandwidth).toBe("10");
  });

  it("maps the VPC error codes to typed errors", async () => {
    const { vpc } = clients(json(popErrorBody("InvalidVpcID.NotFound"), 404));
    await expect(
      vpc.describeVpcAttribute({ RegionId: "cn-hangzhou", VpcId: "vpc-x" }),
    ).rejects.toBeInstanceOf(NotFoundError);
  });
});

describe("SLB", () => {
  it("the odd wire names stay as the API spells them", async () => {
    const { slb, sent } = clients();
    await slb.createLoadBalancerTCPListener({
      LoadBalancerId: "lb-1",
      ListenerPort: 80,
      BackendServerPort: 80,
      Bandwidth: -1,
      healthCheckInterval: 5,
      HealthCheckHttpCode: ["http_2xx", "http_3xx"],
    });
    await slb.createLoadBalancerHTTPListener({
      LoadBalancerId: "lb-1",
      ListenerPort: 8080,
      HealthCheck: "on",
      XForwardedFor_SLBIP: "on",
      XForwardedFor_proto: "on",
    });
    expect(sent[0]?.params).toMatchObject({
      healthCheckInterval: "5",
      Bandwidth: "-1",
      HealthCheckHttpCode: "http_2xx,http_3xx",
    });
    expect(sent[1]?.params).toMatchObject({ XForwardedFor_SLBIP: "on", XForwardedFor_proto: "on" });
  });

  it("DescribeLoadBalancers: Tags as one JSON array, LoadBalancerId as a comma list", async () => {
    const { slb, sent } = clients();
    await slb.describeLoadBalancers({
      RegionId: "cn-hangzhou",
      LoadBalancerId: ["lb-1", "lb-2"],
      Tags: [{ tagKey: "env", tagValue: "prod" }],
    });
    expect(sent[0]?.params).toMatchObject({
      LoadBalancerId: "lb-1,lb-2",
      Tags: '[{"tagKey":"env","tagValue":"prod"}]',
    });
    expect(sent[0]?.headers["x-acs-version"]).toBe("2014-05-15");
  });

  it("BackendServers travels as one JSON array, its fields as the API names them", async () => {
    const { slb, sent } = clients();
    await slb.setBackendServers({
      LoadBalancerId: "lb-1",
      BackendServers: [
        {
          ServerId: "eci-1",
          Type: "eci",
          ServerIp: "192.168.0.2",
          Weight: 50,
          Port: 8080,
          Description: "web",
        },
      ],
    });
    expect(JSON.parse(sent[0]?.params.BackendServers ?? "")).toEqual([
      {
        ServerId: "eci-1",
        Type: "eci",
        ServerIp: "192.168.0.2",
        Weight: 50,
        Port: 8080,
        Description: "web",
      },
    ]);
  });

  it("reads ListenerPortsAndProtocal (sic) from the answer", async () => {
    const { slb } = clients(
      json({
        RequestId: "r",
        LoadBalancerId: "lb-1",
        ListenerPortsAndProtocal: {
          ListenerPortAndProtocal: [{ ListenerPort: 80, ListenerProtocal: "tcp" }],
        },
      }),
    );
    const lb = await slb.describeLoadBalancerAttribute({ LoadBalancerId: "lb-1" });
    expect(lb.ListenerPortsAndProtocal?.ListenerPortAndProtocal?.[0]?.ListenerProtocal).toBe("tcp");
  });

  it("throttling is a ThrottlingError", async () => {
    const { slb } = clients(json(popErrorBody("Throttling.User"), 400));
    await expect(
      slb.describeLoadBalancers({ RegionId: "cn-hangzhou" }, { retry: false }),
    ).rejects.toBeInstanceOf(ThrottlingError);
  });
});
