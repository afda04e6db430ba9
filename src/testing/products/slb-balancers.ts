// SLB model, part 1: load balancers and their backend servers. Only live container groups
// (Pending, Running, Restarting, Updating) can be `eci`/`eni` backends, with their own IP;
// a group that is deleted or ends leaves every backend list by itself (see links.ts).
import type { components, operations } from "../../../generated/slb.js";
import { FakeApiError, invalidParameter, notFound } from "../errors.js";
import type { BackendRecord, ContainerGroupRecord, LoadBalancerRecord, World } from "../state.js";
import {
  type ActionContext,
  type ActionTable,
  inRegion,
  isoTime,
  listOf,
  mergeTags,
  pageByNumber,
} from "./context.js";
import {
  allocateIp,
  eipOf,
  findVpc,
  findVSwitch,
  groupByEni,
  releaseIp,
  reserveIp,
} from "./links.js";

type LoadBalancer = components["schemas"]["LoadBalancer"];
type BackendInput = components["schemas"]["BackendServer"];

/** Container group states that can be SLB backends. */
export const LIVE_STATES = new Set(["Pending", "Running", "Restarting", "Updating"]);

/** The load balancer of the call's region, or `InvalidLoadBalancerId.NotFound`. */
export function findLoadBalancer(context: ActionContext, id: string): LoadBalancerRecord {
  const lb = context.world.slb.loadBalancers.get(id);
  if (!lb || lb.regionId !== context.regionId) {
    throw notFound(
      "InvalidLoadBalancerId.NotFound",
      `The specified load balancer ${id} does not exist.`,
    );
  }
  return lb;
}

/** The LB as DescribeLoadBalancers shows it. */
export function renderLoadBalancer(lb: LoadBalancerRecord): LoadBalancer {
  return {
    LoadBalancerId: lb.id,
    LoadBalancerName: lb.name,
    LoadBalancerStatus: lb.status,
    Address: lb.address,
    AddressIPVersion: lb.addressIPVersion,
    AddressType: lb.addressType,
    NetworkType: lb.networkType,
    VpcId: lb.vpcId,
    VSwitchId: lb.vSwitchId,
    Bandwidth: lb.bandwidth,
    InternetChargeType: lb.internetChargeType,
    InternetChargeTypeAlias: lb.internetChargeType,
    InstanceChargeType: lb.instanceChargeType,
    PayType: lb.payType,
    LoadBalancerSpec: lb.spec,
    CreateTime: `${isoTime(lb.createdAt).slice(0, 16)}Z`,
    CreateTimeStamp: lb.createdAt,
    DeleteProtection: lb.deleteProtection,
    ModificationProtectionStatus: lb.modificationProtectionStatus,
    ModificationProtectionReason: lb.modificationProtectionReason,
    MasterZoneId: lb.masterZoneId,
    SlaveZoneId: lb.slaveZoneId,
    RegionId: lb.regionId,
    RegionIdAlias: lb.regionId,
    ResourceGroupId: lb.resourceGroupId,
    Tags: { Tag: lb.tags.map((t) => ({ TagKey: t.Key, TagValue: t.Value })) },
  };
}

const backendView = (b: BackendRecord) => ({
  ServerId: b.serverId,
  Type: b.type,
  Weight: String(b.weight),
  Description: b.description,
});

/** The container group behind an `eci` or `eni` backend id. */
function backendGroup(
  world: World,
  type: string,
  serverId: string,
): ContainerGroupRecord | undefined {
  return type === "eci" ? world.eci.groups.get(serverId) : groupByEni(world, serverId);
}

/** Checks one backend of AddBackendServers / SetBackendServers and returns it as stored. */
function checkBackend(
  context: ActionContext,
  lb: LoadBalancerRecord,
  server: BackendInput,
  index: number,
): BackendRecord {
  const type = server.Type ?? "ecs";
  const weight = server.Weight === undefined ? 100 : Number(server.Weight);
  let serverIp = server.ServerIp ?? "";
  if (type === "eci" || type === "eni") {
    const group = backendGroup(context.world, type, server.ServerId);
    if (!group || group.regionId !== lb.regionId) {
      throw new FakeApiError(
        "InvalidBackendServers.NotExist",
        `BackendServers.${index}.ServerId: the ${type} instance ${server.ServerId} does not exist.`,
      );
    }
    if (!LIVE_STATES.has(group.status)) {
      throw new FakeApiError(
        "IncorrectStatus.BackendServer",
        `The container group ${group.id} is ${group.status}; only Pending, Running, Restarting or Updating instances can be backend servers.`,
      );
    }
    if (serverIp !== group.ip) {
      throw new FakeApiError(
        "InvalidBackendServers.Inconsistent",
        `BackendServers.${index}.ServerIp ${serverIp} is not the IP of ${server.ServerId} (${group.ip}).`,
      );
    }
    if (lb.vpcId && group.vpcId && lb.vpcId !== group.vpcId) {
      throw new FakeApiError(
        "InvalidBackendServers.Inconsistent",
        `The container group ${group.id} is in ${group.vpcId}, the load balancer in ${lb.vpcId}.`,
      );
    }
    serverIp = group.ip;
  }
  return {
    serverId: server.ServerId,
    type,
    weight,
    serverIp,
    description: server.Description ?? "",
    addedAt: context.now,
  };
}

/** Handlers of the load balancer and backend server actions. */
export const slbBalancerActions: Pick<
  ActionTable<operations>,
  | "CreateLoadBalancer"
  | "DescribeLoadBalancers"
  | "DescribeLoadBalancerAttribute"
  | "DeleteLoadBalancer"
  | "AddBackendServers"
  | "RemoveBackendServers"
  | "SetBackendServers"
> = {
  CreateLoadBalancer(context, input) {
    const zones = context.regions[context.regionId] ?? [];
    const vSwitch = input.VSwitchId ? findVSwitch(context, input.VSwitchId) : undefined;
    if (vSwitch && vSwitch.status !== "Available") {
      throw new FakeApiError(
        "IncorrectVSwitchStatus",
        `The VSwitch ${vSwitch.id} is ${vSwitch.status}.`,
      );
    }
    if (input.VpcId) findVpc(context, input.VpcId);
    if (vSwitch && input.VpcId && vSwitch.vpcId !== input.VpcId)
      throw invalidParameter("VSwitchId", `${vSwitch.id} is not in ${input.VpcId}`);
    const addressType = input.AddressType ?? "internet";
    if (addressType === "intranet" && input.VpcId && !vSwitch)
      throw invalidParameter("VSwitchId", "an intranet load balancer in a VPC needs a VSwitch");
    const master = input.MasterZoneId ?? vSwitch?.zoneId ?? zones[0] ?? "";
    if (master && !zones.includes(master))
      throw notFound(
        "InvalidZoneId.NotFound",
        `The specified zone ${master} does not exist in ${context.regionId}.`,
      );
    const address =
      addressType === "internet"
        ? (input.Address ?? context.ids.publicIp())
        : vSwitch
          ? input.Address
            ? reserveIp(vSwitch, input.Address, "Address")
            : allocateIp(vSwitch)
          : `10.${Math.floor(context.ids.next() * 256)}.${Math.floor(context.ids.next() * 256)}.${2 + Math.floor(context.ids.next() * 250)}`;
    const byBandwidth = input.InternetChargeType === "paybybandwidth";
    const lb: LoadBalancerRecord = {
      id: context.ids.id("lb", context.regionId),
      regionId: context.regionId,
      name: input.LoadBalancerName ?? "",
      address,
      addressType,
      addressIPVersion: input.AddressIPVersion ?? "ipv4",
      networkType: vSwitch || input.VpcId ? "vpc" : "Classic",
      vpcId: vSwitch?.vpcId ?? input.VpcId ?? "",
      vSwitchId: vSwitch?.id ?? "",
      spec:
        input.LoadBalancerSpec ?? (input.InstanceChargeType === "PayByCLCU" ? "" : "slb.s1.small"),
      status: "active",
      createdAt: context.now,
      bandwidth: input.Bandwidth ?? (byBandwidth ? 1 : 5120),
      internetChargeType: input.InternetChargeType ?? "paybytraffic",
      instanceChargeType: input.InstanceChargeType ?? "PayBySpec",
      payType: input.PayType ?? "PayOnDemand",
      deleteProtection: input.DeleteProtection ?? "off",
      modificationProtectionStatus: input.ModificationProtectionStatus ?? "NonProtection",
      modificationProtectionReason: input.ModificationProtectionReason ?? "",
      masterZoneId: master,
      slaveZoneId: input.SlaveZoneId ?? zones.find((z) => z !== master) ?? "",
      resourceGroupId: input.ResourceGroupId ?? context.world.resourceGroupId,
      tags: mergeTags([], input.Tag),
      backends: [],
      listeners: [],
    };
    context.world.slb.loadBalancers.set(lb.id, lb);
    return {
      LoadBalancerId: lb.id,
      LoadBalancerName: lb.name,
      Address: lb.address,
      AddressIPVersion: lb.addressIPVersion,
      NetworkType: lb.networkType,
      VpcId: lb.vpcId,
      VSwitchId: lb.vSwitchId,
      ResourceGroupId: lb.resourceGroupId,
    };
  },

  DescribeLoadBalancers(context, input) {
    const ids = listOf(input.LoadBalancerId);
    const names = listOf(input.LoadBalancerName);
    const serverIps = listOf(input.ServerIntranetAddress);
    if (input.Tags && !Array.isArray(input.Tags))
      throw invalidParameter("Tags", 'must be a JSON list such as [{"tagKey":"k","tagValue":"v"}]');
    const list = inRegion(context, context.world.slb.loadBalancers.values()).filter(
      (lb) =>
        (ids.length === 0 || ids.includes(lb.id)) &&
        (names.length === 0 || names.includes(lb.name)) &&
        (serverIps.length === 0 || lb.backends.some((b) => serverIps.includes(b.serverIp))) &&
        (input.ServerId === undefined || lb.backends.some((b) => b.serverId === input.ServerId)) &&
        (input.Address === undefined || lb.address === input.Address) &&
        (input.AddressType === undefined || lb.addressType === input.AddressType) &&
        (input.AddressIPVersion === undefined || lb.addressIPVersion === input.AddressIPVersion) &&
        (input.NetworkType === undefined ||
          lb.networkType.toLowerCase() === input.NetworkType.toLowerCase()) &&
        (input.VpcId === undefined || lb.vpcId === input.VpcId) &&
        (input.VSwitchId === undefined || lb.vSwitchId === input.VSwitchId) &&
        (input.LoadBalancerStatus === undefined || lb.status === input.LoadBalancerStatus) &&
        (input.MasterZoneId === undefined || lb.masterZoneId === input.MasterZoneId) &&
        (input.SlaveZoneId === undefined || lb.slaveZoneId === input.SlaveZoneId) &&
        (input.InternetChargeType === undefined ||
          lb.internetChargeType === input.InternetChargeType) &&
        (input.PayType === undefined || lb.payType === input.PayType) &&
        (input.ResourceGroupId === undefined || lb.resourceGroupId === input.ResourceGroupId) &&
        (input.Tag ?? []).every(
          (w) =>
            !w.Key ||
            lb.tags.some((t) => t.Key === w.Key && (w.Value === undefined || t.Value === w.Value)),
        ) &&
        (input.Tags ?? []).every(
          (w) =>
            !w.tagKey ||
            lb.tags.some(
              (t) => t.Key === w.tagKey && (w.tagValue === undefined || t.Value === w.tagValue),
            ),
        ),
    );
    const { page, ...paging } = pageByNumber(list, input);
    return { ...paging, LoadBalancers: { LoadBalancer: page.map(renderLoadBalancer) } };
  },

  DescribeLoadBalancerAttribute(context, input) {
    const lb = findLoadBalancer(context, input.LoadBalancerId);
    const { InternetChargeTypeAlias: _a, ...view } = renderLoadBalancer(lb);
    return {
      ...view,
      AddressType: lb.addressType,
      NetworkType: lb.networkType,
      EndTime: "2999-09-08T16:00Z",
      EndTimeStamp: 32493801600000,
      AutoReleaseTime: 0,
      RenewalStatus: "Normal",
      RenewalDuration: 0,
      RenewalCycUnit: "Month",
      BackendServers: {
        BackendServer: lb.backends.map((b) => ({
          ServerId: b.serverId,
          ServerIp: b.serverIp,
          Type: b.type,
          Weight: b.weight,
          Description: b.description,
        })),
      },
      ListenerPorts: { ListenerPort: lb.listeners.map((l) => l.port) },
      ListenerPortsAndProtocal: {
        ListenerPortAndProtocal: lb.listeners.map((l) => ({
          ListenerPort: l.port,
          ListenerProtocal: l.protocol,
        })),
      },
      ListenerPortsAndProtocol: {
        ListenerPortAndProtocol: lb.listeners.map((l) => ({
          ListenerPort: l.port,
          ListenerProtocol: l.protocol,
          ListenerForward: l.config.ListenerForward ?? "off",
          ForwardPort: l.config.ForwardPort ?? 0,
          Description: l.config.Description ?? "",
        })),
      },
    };
  },

  DeleteLoadBalancer(context, input) {
    const world = context.world;
    const lb = findLoadBalancer(context, input.LoadBalancerId);
    if (lb.deleteProtection === "on") {
      throw new FakeApiError(
        "OperationDenied.DeleteProtection",
        `The load balancer ${lb.id} has deletion protection on; turn it off first.`,
      );
    }
    const eip = eipOf(world, lb.id);
    if (eip)
      Object.assign(eip, {
        status: "Available",
        instanceId: "",
        instanceType: "",
        instanceRegionId: "",
        privateIpAddress: "",
        vpcId: "",
        generation: eip.generation + 1,
      });
    if (lb.addressType === "intranet" && lb.vSwitchId) releaseIp(world, lb.vSwitchId, lb.address);
    world.slb.loadBalancers.delete(lb.id);
    return {};
  },

  AddBackendServers(context, input) {
    const lb = findLoadBalancer(context, input.LoadBalancerId);
    const servers = (input.BackendServers ?? []).map((s, i) => checkBackend(context, lb, s, i + 1));
    for (const server of servers) {
      const existing = lb.backends.find((b) => b.serverId === server.serverId);
      if (existing)
        Object.assign(existing, {
          weight: server.weight,
          description: server.description || existing.description,
        });
      else lb.backends.push(server);
    }
    return {
      LoadBalancerId: lb.id,
      BackendServers: { BackendServer: lb.backends.map(backendView) },
    };
  },

  RemoveBackendServers(context, input) {
    const lb = findLoadBalancer(context, input.LoadBalancerId);
    lb.backends = lb.backends.filter(
      (b) =>
        !input.BackendServers.some(
          (r) => r.ServerId === b.serverId && (r.Type === undefined || r.Type === b.type),
        ),
    );
    return {
      LoadBalancerId: lb.id,
      BackendServers: {
        BackendServer: lb.backends.map((b) => ({
          ServerId: b.serverId,
          Type: b.type,
          Weight: b.weight,
          Description: b.description,
        })),
      },
    };
  },

  SetBackendServers(context, input) {
    const lb = findLoadBalancer(context, input.LoadBalancerId);
    const servers = input.BackendServers ?? [];
    servers.forEach((server, i) => {
      const existing = lb.backends.find((b) => b.serverId === server.ServerId);
      if (!existing) {
        throw new FakeApiError(
          "InvalidBackendServers.NotExist",
          `BackendServers.${i + 1}.ServerId: ${server.ServerId} is not a backend server of ${lb.id}.`,
        );
      }
      if (server.Weight !== undefined) existing.weight = Number(server.Weight);
      if (server.Description !== undefined) existing.description = server.Description;
    });
    return {
      LoadBalancerId: lb.id,
      BackendServers: { BackendServer: lb.backends.map(backendView) },
    };
  },
};
