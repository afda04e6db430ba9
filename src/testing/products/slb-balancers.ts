// SLB model, part 1: load balancers and their backend servers. Only live container groups
// (Pending, Running, Restarting, Updating) can be `eci`/`eni` backends, with their own IP;
// a group that is deleted or ends leaves every backend list by itself (see links.ts).
import type { components, operations } from "../../../generated/slb.js";
import { FakeApiError, invalidParameter, notFound } from "../errors.js";
import type { BackendRecord, ContainerGroupRecord, LoadBalancerRecord, World } from "../state.js";
import { type ActionContext, type ActionTable, isoTime, listOf, mergeTags } from "./context.js";
import { oneOf, tagged, where } from "./filter.js";
import { allocateIp, eipOf, freeEip, groupByEni, releaseIp, reserveIp } from "./links.js";
import { pageByNumber } from "./paging.js";
import { apiFields } from "./table.js";

type LoadBalancer = components["schemas"]["LoadBalancer"];
type BackendInput = components["schemas"]["BackendServer"];

/** Container group states that can be SLB backends. */
export const LIVE_STATES = new Set(["Pending", "Running", "Restarting", "Updating"]);

/** The LB as DescribeLoadBalancers shows it. */
export function renderLoadBalancer(lb: LoadBalancerRecord): LoadBalancer {
  return {
    ...apiFields(lb),
    InternetChargeTypeAlias: lb.InternetChargeType,
    CreateTime: `${isoTime(lb.CreateTimeStamp).slice(0, 16)}Z`,
    RegionIdAlias: lb.RegionId,
    Tags: { Tag: lb.tags.map((t) => ({ TagKey: t.Key, TagValue: t.Value })) },
  };
}

/** A backend as the backend server actions answer: Weight as a string, no address. */
const backendView = ({ ServerId, Type, Weight, Description }: BackendRecord) => ({
  ServerId,
  Type,
  Weight: String(Weight),
  Description,
});

/** The answer of AddBackendServers and SetBackendServers: the backends after the change. */
const backendsOf = (lb: LoadBalancerRecord) => ({
  LoadBalancerId: lb.LoadBalancerId,
  BackendServers: { BackendServer: lb.backends.map(backendView) },
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
    if (!group || group.RegionId !== lb.RegionId) {
      throw new FakeApiError(
        "InvalidBackendServers.NotExist",
        `BackendServers.${index}.ServerId: the ${type} instance ${server.ServerId} does not exist.`,
      );
    }
    if (!LIVE_STATES.has(group.Status)) {
      throw new FakeApiError(
        "IncorrectStatus.BackendServer",
        `The container group ${group.ContainerGroupId} is ${group.Status}; only Pending, Running, Restarting or Updating instances can be backend servers.`,
      );
    }
    if (serverIp !== group.IntranetIp) {
      throw new FakeApiError(
        "InvalidBackendServers.Inconsistent",
        `BackendServers.${index}.ServerIp ${serverIp} is not the IP of ${server.ServerId} (${group.IntranetIp}).`,
      );
    }
    if (lb.VpcId && group.VpcId && lb.VpcId !== group.VpcId) {
      throw new FakeApiError(
        "InvalidBackendServers.Inconsistent",
        `The container group ${group.ContainerGroupId} is in ${group.VpcId}, the load balancer in ${lb.VpcId}.`,
      );
    }
    serverIp = group.IntranetIp;
  }
  return {
    ServerId: server.ServerId,
    Type: type,
    Weight: weight,
    ServerIp: serverIp,
    Description: server.Description ?? "",
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
    const vpc = context.world.vpc;
    const vSwitch = input.VSwitchId ? vpc.vSwitches.find(context, input.VSwitchId) : undefined;
    if (vSwitch && vSwitch.Status !== "Available") {
      throw new FakeApiError(
        "IncorrectVSwitchStatus",
        `The VSwitch ${vSwitch.VSwitchId} is ${vSwitch.Status}.`,
      );
    }
    if (input.VpcId) vpc.vpcs.find(context, input.VpcId);
    if (vSwitch && input.VpcId && vSwitch.VpcId !== input.VpcId)
      throw invalidParameter("VSwitchId", `${vSwitch.VSwitchId} is not in ${input.VpcId}`);
    const addressType = input.AddressType ?? "internet";
    if (addressType === "intranet" && input.VpcId && !vSwitch)
      throw invalidParameter("VSwitchId", "an intranet load balancer in a VPC needs a VSwitch");
    const master = input.MasterZoneId ?? vSwitch?.ZoneId ?? zones[0] ?? "";
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
    // the address is drawn before the id (fields first): same seed, same ids as ever
    const lb = context.world.slb.loadBalancers.create(context, {
      LoadBalancerName: input.LoadBalancerName ?? "",
      Address: address,
      AddressType: addressType,
      AddressIPVersion: input.AddressIPVersion ?? "ipv4",
      NetworkType: vSwitch || input.VpcId ? "vpc" : "Classic",
      VpcId: vSwitch?.VpcId ?? input.VpcId ?? "",
      VSwitchId: vSwitch?.VSwitchId ?? "",
      LoadBalancerSpec:
        input.LoadBalancerSpec ?? (input.InstanceChargeType === "PayByCLCU" ? "" : "slb.s1.small"),
      LoadBalancerStatus: "active",
      CreateTimeStamp: context.now,
      Bandwidth: input.Bandwidth ?? (byBandwidth ? 1 : 5120),
      InternetChargeType: input.InternetChargeType ?? "paybytraffic",
      InstanceChargeType: input.InstanceChargeType ?? "PayBySpec",
      PayType: input.PayType ?? "PayOnDemand",
      DeleteProtection: input.DeleteProtection ?? "off",
      ModificationProtectionStatus: input.ModificationProtectionStatus ?? "NonProtection",
      ModificationProtectionReason: input.ModificationProtectionReason ?? "",
      MasterZoneId: master,
      SlaveZoneId: input.SlaveZoneId ?? zones.find((z) => z !== master) ?? "",
      ResourceGroupId: input.ResourceGroupId ?? context.world.resourceGroupId,
      tags: mergeTags([], input.Tag),
      backends: [],
      listeners: [],
    });
    const { LoadBalancerId, LoadBalancerName, Address, AddressIPVersion, NetworkType } = lb;
    const { VpcId, VSwitchId, ResourceGroupId } = lb;
    return {
      LoadBalancerId,
      LoadBalancerName,
      Address,
      AddressIPVersion,
      NetworkType,
      VpcId,
      VSwitchId,
      ResourceGroupId,
    };
  },

  DescribeLoadBalancers(context, input) {
    if (input.Tags && !Array.isArray(input.Tags))
      throw invalidParameter("Tags", 'must be a JSON list such as [{"tagKey":"k","tagValue":"v"}]');
    const same = [
      "Address",
      "AddressType",
      "AddressIPVersion",
      "VpcId",
      "VSwitchId",
      "LoadBalancerStatus",
      "MasterZoneId",
      "SlaveZoneId",
      "InternetChargeType",
      "PayType",
      "ResourceGroupId",
    ] as const;
    const list = context.world.slb.loadBalancers.inRegion(context).filter(
      where(input, same, {
        LoadBalancerId: oneOf("LoadBalancerId"),
        LoadBalancerName: oneOf("LoadBalancerName"),
        ServerIntranetAddress: (lb, ips) =>
          !listOf(ips).length || lb.backends.some((b) => listOf(ips).includes(b.ServerIp)),
        ServerId: (lb, id) => lb.backends.some((b) => b.ServerId === id),
        NetworkType: (lb, type) => lb.NetworkType.toLowerCase() === type.toLowerCase(),
        Tag: tagged,
        // the old spelling: a JSON list of {tagKey, tagValue}
        Tags: (lb, wanted) =>
          tagged(
            lb,
            wanted.map((w) => ({ Key: w.tagKey, Value: w.tagValue })),
          ),
      }),
    );
    const { page, ...paging } = pageByNumber(list, input);
    return { ...paging, LoadBalancers: { LoadBalancer: page.map(renderLoadBalancer) } };
  },

  DescribeLoadBalancerAttribute(context, input) {
    const lb = context.world.slb.loadBalancers.find(context, input.LoadBalancerId);
    const { InternetChargeTypeAlias: _a, ...view } = renderLoadBalancer(lb);
    return {
      ...view,
      EndTime: "2999-09-08T16:00Z",
      EndTimeStamp: 32493801600000,
      AutoReleaseTime: 0,
      RenewalStatus: "Normal",
      RenewalDuration: 0,
      RenewalCycUnit: "Month",
      BackendServers: {
        BackendServer: lb.backends.map(apiFields),
      },
      ListenerPorts: { ListenerPort: lb.listeners.map((l) => l.ListenerPort) },
      ListenerPortsAndProtocal: {
        ListenerPortAndProtocal: lb.listeners.map((l) => ({
          ListenerPort: l.ListenerPort,
          ListenerProtocal: l.ListenerProtocol,
        })),
      },
      ListenerPortsAndProtocol: {
        ListenerPortAndProtocol: lb.listeners.map((l) => ({
          ListenerPort: l.ListenerPort,
          ListenerProtocol: l.ListenerProtocol,
          ListenerForward: l.config.ListenerForward ?? "off",
          ForwardPort: l.config.ForwardPort ?? 0,
          Description: l.config.Description ?? "",
        })),
      },
    };
  },

  DeleteLoadBalancer(context, input) {
    const world = context.world;
    const lb = context.world.slb.loadBalancers.find(context, input.LoadBalancerId);
    if (lb.DeleteProtection === "on") {
      throw new FakeApiError(
        "OperationDenied.DeleteProtection",
        `The load balancer ${lb.LoadBalancerId} has deletion protection on; turn it off first.`,
      );
    }
    const eip = eipOf(world, lb.LoadBalancerId);
    if (eip) freeEip(eip);
    if (lb.AddressType === "intranet" && lb.VSwitchId) releaseIp(world, lb.VSwitchId, lb.Address);
    world.slb.loadBalancers.delete(lb.LoadBalancerId);
    return {};
  },

  AddBackendServers(context, input) {
    const lb = context.world.slb.loadBalancers.find(context, input.LoadBalancerId);
    const servers = (input.BackendServers ?? []).map((s, i) => checkBackend(context, lb, s, i + 1));
    for (const server of servers) {
      const existing = lb.backends.find((b) => b.ServerId === server.ServerId);
      if (existing)
        Object.assign(existing, {
          Weight: server.Weight,
          Description: server.Description || existing.Description,
        });
      else lb.backends.push(server);
    }
    return backendsOf(lb);
  },

  RemoveBackendServers(context, input) {
    const lb = context.world.slb.loadBalancers.find(context, input.LoadBalancerId);
    lb.backends = lb.backends.filter(
      (b) =>
        !input.BackendServers.some(
          (r) => r.ServerId === b.ServerId && (r.Type === undefined || r.Type === b.Type),
        ),
    );
    // this action answers Weight as a number
    const list = lb.backends.map(({ ServerId, Type, Weight, Description }) => ({
      ServerId,
      Type,
      Weight,
      Description,
    }));
    return { LoadBalancerId: lb.LoadBalancerId, BackendServers: { BackendServer: list } };
  },

  SetBackendServers(context, input) {
    const lb = context.world.slb.loadBalancers.find(context, input.LoadBalancerId);
    const servers = input.BackendServers ?? [];
    servers.forEach((server, i) => {
      const existing = lb.backends.find((b) => b.ServerId === server.ServerId);
      if (!existing) {
        throw new FakeApiError(
          "InvalidBackendServers.NotExist",
          `BackendServers.${i + 1}.ServerId: ${server.ServerId} is not a backend server of ${lb.LoadBalancerId}.`,
        );
      }
      if (server.Weight !== undefined) existing.Weight = Number(server.Weight);
      if (server.Description !== undefined) existing.Description = server.Description;
    });
    return backendsOf(lb);
  },
};
