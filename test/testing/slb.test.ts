// The fake's SLB against our SDK: every action, and container groups as backends (topic 4):
// only live groups, with their own IP; a group that ends or is deleted leaves by itself.
import { afterAll, describe, expect, it } from "vitest";
import { slbInfo } from "../../generated/slb.service.js";
import { expectPopError, expectShape, setup } from "./helpers.js";
import { signedCall } from "./wire.js";

const slbService = await slbInfo.load();

const seen = new Set<string>();
const RegionId = "cn-hangzhou";
type Env = ReturnType<typeof setup>;

async function call<T>(action: string, pending: Promise<T>): Promise<T> {
  const out = await pending;
  expectShape("slb", action, out);
  seen.add(action);
  return out;
}

/** A VPC, a VSwitch, an intranet load balancer and a container group in it. */
async function world(
  env: Env,
  container = { Name: "web", Image: "registry.cn-hangzhou.aliyuncs.com/eci_open/nginx:1.14.2" },
  extra: Record<string, unknown> = {},
) {
  const { VpcId } = await env.vpc.createVpc({ RegionId, CidrBlock: "192.168.0.0/16" });
  env.fake.advance(5_000);
  const { VSwitchId } = await env.vpc.createVSwitch({
    RegionId,
    VpcId: VpcId as string,
    ZoneId: "cn-hangzhou-h",
    CidrBlock: "192.168.0.0/24",
  });
  env.fake.advance(5_000);
  const lb = await call(
    "CreateLoadBalancer",
    env.slb.createLoadBalancer({
      RegionId,
      AddressType: "intranet",
      VpcId: VpcId as string,
      VSwitchId: VSwitchId as string,
      LoadBalancerName: "front",
    }),
  );
  const { ContainerGroupId } = await env.eci.createContainerGroup({
    RegionId,
    ContainerGroupName: "web",
    VSwitchId: VSwitchId as string,
    Container: [container],
    ...extra,
  });
  const group = env.fake.state.eci.containerGroups.find(
    (g) => g.ContainerGroupId === ContainerGroupId,
  );
  return {
    lbId: lb.LoadBalancerId as string,
    address: lb.Address as string,
    groupId: ContainerGroupId as string,
    ip: group?.IntranetIp as string,
    eni: group?.EniInstanceId as string,
  };
}

const backend = (id: string, ip: string) => ({
  ServerId: id,
  Weight: "100",
  Type: "eci" as const,
  ServerIp: ip,
});

describe("load balancers", () => {
  it("CreateLoadBalancer returns an lb- id and an address in the VSwitch; Describe* show it", async () => {
    const env = setup();
    const { lbId, address } = await world(env);
    expect(lbId).toMatch(/^lb-[a-z0-9]{20}$/);
    expect(address).toMatch(/^192\.168\.0\.\d+$/);
    const list = await call("DescribeLoadBalancers", env.slb.describeLoadBalancers({ RegionId }));
    expect(list.LoadBalancers?.LoadBalancer?.[0]).toMatchObject({
      LoadBalancerId: lbId,
      LoadBalancerStatus: "active",
      AddressType: "intranet",
      NetworkType: "vpc",
    });
    const attribute = await call(
      "DescribeLoadBalancerAttribute",
      env.slb.describeLoadBalancerAttribute({ RegionId, LoadBalancerId: lbId }),
    );
    expect(attribute.LoadBalancerName).toBe("front");
    await expectPopError(
      env.slb.describeLoadBalancerAttribute({
        RegionId,
        LoadBalancerId: "lb-bp1nothere0000000000",
      }),
      "InvalidLoadBalancerId.NotFound",
      404,
    );
  });

  it("DeleteLoadBalancer respects deletion protection", async () => {
    const env = setup();
    const { LoadBalancerId } = await env.slb.createLoadBalancer({
      RegionId,
      DeleteProtection: "on",
    });
    await expectPopError(
      env.slb.deleteLoadBalancer({ RegionId, LoadBalancerId: LoadBalancerId as string }),
      "OperationDenied.DeleteProtection",
      400,
    );
    const { LoadBalancerId: other } = await env.slb.createLoadBalancer({ RegionId });
    await call(
      "DeleteLoadBalancer",
      env.slb.deleteLoadBalancer({ RegionId, LoadBalancerId: other as string }),
    );
    expect((await env.slb.describeLoadBalancers({ RegionId })).TotalCount).toBe(1);
  });
});

describe("listeners and health (topic 4)", () => {
  it("a TCP listener with health check: created stopped, started, backends turn normal", async () => {
    const env = setup();
    const { lbId, groupId, ip } = await world(env);
    await call(
      "CreateLoadBalancerTCPListener",
      env.slb.createLoadBalancerTCPListener({
        RegionId,
        LoadBalancerId: lbId,
        ListenerPort: 80,
        BackendServerPort: 80,
        Bandwidth: -1,
      }),
    );
    await expectPopError(
      env.slb.createLoadBalancerTCPListener({
        RegionId,
        LoadBalancerId: lbId,
        ListenerPort: 80,
        BackendServerPort: 80,
        Bandwidth: -1,
      }),
      "ListenerAlreadyExists",
      400,
    );
    const added = await call(
      "AddBackendServers",
      env.slb.addBackendServers({
        RegionId,
        LoadBalancerId: lbId,
        BackendServers: [backend(groupId, ip)],
      }),
    );
    expect(added.BackendServers?.BackendServer).toEqual([
      { ServerId: groupId, Type: "eci", Weight: "100", Description: "" },
    ]);
    const tcp = await call(
      "DescribeLoadBalancerTCPListenerAttribute",
      env.slb.describeLoadBalancerTCPListenerAttribute({
        RegionId,
        LoadBalancerId: lbId,
        ListenerPort: 80,
      }),
    );
    expect(tcp).toMatchObject({ Status: "stopped", HealthCheck: "on", Scheduler: "wrr" });
    let health = await call(
      "DescribeHealthStatus",
      env.slb.describeHealthStatus({ RegionId, LoadBalancerId: lbId }),
    );
    expect(health.BackendServers?.BackendServer?.[0]).toMatchObject({
      ServerId: groupId,
      ServerIp: ip,
      ListenerPort: 80,
      Port: 80,
      Protocol: "tcp",
      ServerHealthStatus: "unavailable",
    });
    await call(
      "StartLoadBalancerListener",
      env.slb.startLoadBalancerListener({ RegionId, LoadBalancerId: lbId, ListenerPort: 80 }),
    );
    health = await env.slb.describeHealthStatus({ RegionId, LoadBalancerId: lbId });
    expect(health.BackendServers?.BackendServer?.[0]?.ServerHealthStatus).toBe("abnormal");
    env.fake.advance(60_000);
    health = await env.slb.describeHealthStatus({
      RegionId,
      LoadBalancerId: lbId,
      ListenerPort: 80,
    });
    expect(health.BackendServers?.BackendServer?.[0]?.ServerHealthStatus).toBe("normal");
    await call(
      "SetLoadBalancerTCPListenerAttribute",
      env.slb.setLoadBalancerTCPListenerAttribute({
        RegionId,
        LoadBalancerId: lbId,
        ListenerPort: 80,
        HealthCheckSwitch: "off",
        Scheduler: "rr",
      }),
    );
    expect(
      (
        await env.slb.describeLoadBalancerTCPListenerAttribute({
          RegionId,
          LoadBalancerId: lbId,
          ListenerPort: 80,
        })
      ).Scheduler,
    ).toBe("rr");
    health = await env.slb.describeHealthStatus({ RegionId, LoadBalancerId: lbId });
    expect(health.BackendServers?.BackendServer?.[0]?.ServerHealthStatus).toBe("unavailable");
    await call(
      "StopLoadBalancerListener",
      env.slb.stopLoadBalancerListener({ RegionId, LoadBalancerId: lbId, ListenerPort: 80 }),
    );
    expect(
      (
        await env.slb.describeLoadBalancerTCPListenerAttribute({
          RegionId,
          LoadBalancerId: lbId,
          ListenerPort: 80,
        })
      ).Status,
    ).toBe("stopped");
  });

  it("a backend whose image serves no such port stays abnormal", async () => {
    const env = setup();
    const { lbId, groupId, ip } = await world(env, {
      Name: "tool",
      Image: "registry.cn-hangzhou.aliyuncs.com/library/busybox:1.36",
      Command: ["sleep", "3600"],
    } as never);
    await env.slb.createLoadBalancerTCPListener({
      RegionId,
      LoadBalancerId: lbId,
      ListenerPort: 80,
      BackendServerPort: 80,
      Bandwidth: -1,
    });
    await env.slb.addBackendServers({
      RegionId,
      LoadBalancerId: lbId,
      BackendServers: [backend(groupId, ip)],
    });
    await env.slb.startLoadBalancerListener({ RegionId, LoadBalancerId: lbId, ListenerPort: 80 });
    env.fake.advance(120_000);
    const health = await env.slb.describeHealthStatus({ RegionId, LoadBalancerId: lbId });
    expect(health.BackendServers?.BackendServer?.[0]?.ServerHealthStatus).toBe("abnormal");
  });

  it("HTTP listeners; DescribeLoadBalancerListeners; DeleteLoadBalancerListener", async () => {
    const env = setup();
    const { lbId } = await world(env);
    await call(
      "CreateLoadBalancerHTTPListener",
      env.slb.createLoadBalancerHTTPListener({
        RegionId,
        LoadBalancerId: lbId,
        ListenerPort: 8080,
        BackendServerPort: 80,
        HealthCheck: "on",
        HealthCheckURI: "/healthz",
        HealthCheckHttpCode: ["http_2xx", "http_3xx"],
      }),
    );
    await expectPopError(
      env.slb.createLoadBalancerHTTPListener({
        RegionId,
        LoadBalancerId: lbId,
        ListenerPort: 8081,
        BackendServerPort: 80,
        HealthCheck: "off",
        StickySession: "on",
      }),
      "MissingParameter",
      400,
    );
    const http = await call(
      "DescribeLoadBalancerHTTPListenerAttribute",
      env.slb.describeLoadBalancerHTTPListenerAttribute({
        RegionId,
        LoadBalancerId: lbId,
        ListenerPort: 8080,
      }),
    );
    expect(http).toMatchObject({
      HealthCheck: "on",
      HealthCheckURI: "/healthz",
      HealthCheckHttpCode: "http_2xx,http_3xx",
      Status: "stopped",
    });
    await env.slb.createLoadBalancerTCPListener({
      RegionId,
      LoadBalancerId: lbId,
      ListenerPort: 443,
      BackendServerPort: 443,
      Bandwidth: -1,
    });
    const listeners = await call(
      "DescribeLoadBalancerListeners",
      env.slb.describeLoadBalancerListeners({ RegionId, LoadBalancerId: [lbId] }),
    );
    expect(listeners.Listeners?.map((l) => [l.ListenerPort, l.ListenerProtocol])).toEqual([
      [8080, "http"],
      [443, "tcp"],
    ]);
    expect(listeners.Listeners?.[0]?.HTTPListenerConfig?.HealthCheckURI).toBe("/healthz");
    await call(
      "DeleteLoadBalancerListener",
      env.slb.deleteLoadBalancerListener({ RegionId, LoadBalancerId: lbId, ListenerPort: 8080 }),
    );
    await expectPopError(
      env.slb.describeLoadBalancerHTTPListenerAttribute({
        RegionId,
        LoadBalancerId: lbId,
        ListenerPort: 8080,
      }),
      "ResourceNotFound.Listener",
      404,
    );
  });
});

describe("container groups as backends (topic 4)", () => {
  it("SetBackendServers changes weights; RemoveBackendServers detaches", async () => {
    const env = setup();
    const { lbId, groupId, ip } = await world(env);
    await env.slb.addBackendServers({
      RegionId,
      LoadBalancerId: lbId,
      BackendServers: [backend(groupId, ip)],
    });
    const set = await call(
      "SetBackendServers",
      env.slb.setBackendServers({
        RegionId,
        LoadBalancerId: lbId,
        BackendServers: [{ ServerId: groupId, Weight: 50, Type: "eci", ServerIp: ip }],
      }),
    );
    expect(set.BackendServers?.BackendServer?.[0]?.Weight).toBe("50");
    const removed = await call(
      "RemoveBackendServers",
      env.slb.removeBackendServers({
        RegionId,
        LoadBalancerId: lbId,
        BackendServers: [{ ServerId: groupId, Type: "eci" }],
      }),
    );
    expect(removed.BackendServers?.BackendServer).toEqual([]);
  });

  it("an eni backend is the group's network interface", async () => {
    const env = setup();
    const { lbId, eni, ip } = await world(env);
    const added = await env.slb.addBackendServers({
      RegionId,
      LoadBalancerId: lbId,
      BackendServers: [{ ServerId: eni, Type: "eni", ServerIp: ip }],
    });
    expect(added.BackendServers?.BackendServer?.[0]).toMatchObject({ ServerId: eni, Type: "eni" });
  });

  it("eci and eni backends need ServerIp, and it must be the group's IP", async () => {
    const env = setup();
    const { lbId, groupId } = await world(env);
    // the SDK refuses before sending; the fake refuses the same call on the wire
    await expect(
      env.slb.addBackendServers({
        RegionId,
        LoadBalancerId: lbId,
        BackendServers: [{ ServerId: groupId, Type: "eci" }],
      }),
    ).rejects.toMatchObject({ name: "ValidationError" });
    const raw = await signedCall(
      env.fake,
      "AddBackendServers",
      {
        RegionId,
        LoadBalancerId: lbId,
        BackendServers: JSON.stringify([{ ServerId: groupId, Type: "eci", Weight: "100" }]),
      },
      { product: "slb" },
    );
    expect(raw.status).toBe(400);
    expect(raw.body).toMatchObject({ Code: "MissingParameter" });
    expect(raw.body.Message).toContain('"BackendServers.1.ServerIp"');
    await expectPopError(
      env.slb.addBackendServers({
        RegionId,
        LoadBalancerId: lbId,
        BackendServers: [backend(groupId, "10.9.9.9")],
      }),
      "InvalidBackendServers.Inconsistent",
      400,
    );
  });

  it("a terminal (Succeeded/Failed) group cannot be added; one that ends leaves by itself", async () => {
    const env = setup();
    const { lbId, groupId, ip } = await world(
      env,
      {
        Name: "job",
        Image: "registry.cn-hangzhou.aliyuncs.com/library/busybox:1.36",
        Command: ["sleep", "30"],
      } as never,
      { RestartPolicy: "Never" },
    );
    await env.slb.addBackendServers({
      RegionId,
      LoadBalancerId: lbId,
      BackendServers: [backend(groupId, ip)],
    });
    expect(env.fake.state.slb.loadBalancers[0]?.BackendServers?.BackendServer).toHaveLength(1);
    env.fake.advance(120_000);
    expect(env.fake.state.eci.containerGroups[0]?.Status).toBe("Succeeded");
    expect(env.fake.state.slb.loadBalancers[0]?.BackendServers?.BackendServer).toEqual([]);
    await expectPopError(
      env.slb.addBackendServers({
        RegionId,
        LoadBalancerId: lbId,
        BackendServers: [backend(groupId, ip)],
      }),
      "IncorrectStatus.BackendServer",
      400,
    );
  });

  it("a deleted group leaves every backend list by itself", async () => {
    const env = setup();
    const { lbId, groupId, ip } = await world(env);
    const { LoadBalancerId: second } = await env.slb.createLoadBalancer({
      RegionId,
      LoadBalancerName: "second",
    });
    await env.slb.addBackendServers({
      RegionId,
      LoadBalancerId: lbId,
      BackendServers: [backend(groupId, ip)],
    });
    await env.slb.addBackendServers({
      RegionId,
      LoadBalancerId: second as string,
      BackendServers: [backend(groupId, ip)],
    });
    await env.eci.deleteContainerGroup({ RegionId, ContainerGroupId: groupId });
    for (const id of [lbId, second as string]) {
      const attribute = await env.slb.describeLoadBalancerAttribute({
        RegionId,
        LoadBalancerId: id,
      });
      expect(attribute.BackendServers?.BackendServer).toEqual([]);
    }
  });
});

afterAll(() => {
  expect([...seen].sort()).toEqual(Object.keys(slbService.actions).sort());
});
