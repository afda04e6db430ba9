// SLB model, part 2: TCP and HTTP listeners (created stopped, started on demand) and the
// health of each backend behind them: `normal` once a running listener with a health check
// has seen a live, ready container answering on the port for a while.
import type { operations } from "../../../generated/slb.js";
import type { Input } from "../../core/types.js";
import { FakeApiError, missingParameter, notFound } from "../errors.js";
import type { ContainerGroupRecord, ListenerRecord, LoadBalancerRecord } from "../state.js";
import { type ActionContext, type ActionTable, inRegion, listOf, pageByToken } from "./context.js";
import { findLoadBalancer } from "./slb-balancers.js";

function findListener(lb: LoadBalancerRecord, port: number, protocol?: string): ListenerRecord {
  const listener = lb.listeners.find((l) => l.port === port);
  if (!listener || (protocol !== undefined && listener.protocol !== protocol.toLowerCase())) {
    throw notFound(
      "ResourceNotFound.Listener",
      `The ${protocol ? `${protocol} ` : ""}listener on port ${port} of ${lb.id} does not exist.`,
    );
  }
  return listener;
}

function addListener(lb: LoadBalancerRecord, listener: ListenerRecord): void {
  if (lb.listeners.some((l) => l.port === listener.port)) {
    throw new FakeApiError(
      "ListenerAlreadyExists",
      `A listener on port ${listener.port} already exists on ${lb.id}.`,
    );
  }
  lb.listeners.push(listener);
}

const csv = (value: string | string[] | undefined, fallback: string) =>
  value === undefined ? fallback : listOf(value).join(",");

/** Every attribute of a TCP listener with SLB's defaults (kept under the API's names). */
function tcpConfig(
  input: Partial<Input<operations, "CreateLoadBalancerTCPListener">> & Record<string, unknown>,
  base: Record<string, unknown> = {},
): ListenerRecord["config"] {
  const pick = <T>(key: string, fallback: T): T =>
    input[key] !== undefined ? (input[key] as T) : ((base[key] as T) ?? fallback);
  return {
    Bandwidth: pick("Bandwidth", -1),
    Description: pick("Description", ""),
    Scheduler: pick("Scheduler", "wrr"),
    PersistenceTimeout: pick("PersistenceTimeout", 0),
    EstablishedTimeout: pick("EstablishedTimeout", 900),
    ConnectionDrain: pick("ConnectionDrain", "off"),
    ConnectionDrainTimeout: pick("ConnectionDrainTimeout", 300),
    SynProxy: pick("SynProxy", "disable"),
    ProxyProtocolV2Enabled: pick("ProxyProtocolV2Enabled", false),
    VServerGroupId: pick("VServerGroupId", ""),
    MasterSlaveServerGroupId: pick("MasterSlaveServerGroupId", ""),
    AclStatus: pick("AclStatus", "off"),
    AclId: pick("AclId", ""),
    AclType: pick<string | undefined>("AclType", undefined),
    HealthCheckType: pick("HealthCheckType", "tcp"),
    HealthCheckConnectPort: pick("HealthCheckConnectPort", 0),
    HealthCheckConnectTimeout: pick("HealthCheckConnectTimeout", 5),
    HealthCheckInterval:
      input.HealthCheckInterval ?? input.healthCheckInterval ?? base.HealthCheckInterval ?? 2,
    HealthyThreshold: pick("HealthyThreshold", 3),
    UnhealthyThreshold: pick("UnhealthyThreshold", 3),
    HealthCheckDomain: pick("HealthCheckDomain", ""),
    HealthCheckURI: pick("HealthCheckURI", ""),
    HealthCheckHttpCode:
      input.HealthCheckHttpCode !== undefined
        ? csv(input.HealthCheckHttpCode as string, "")
        : ((base.HealthCheckHttpCode as string) ?? ""),
    HealthCheckMethod: pick("HealthCheckMethod", ""),
  };
}

function renderTcp(lb: LoadBalancerRecord, l: ListenerRecord) {
  const c = l.config;
  return {
    LoadBalancerId: lb.id,
    ListenerPort: l.port,
    BackendServerPort: l.backendServerPort,
    Status: l.status === "running" ? ("running" as const) : ("stopped" as const),
    HealthCheck: l.healthCheck,
    ...c,
    AclIds: { AclId: c.AclId ? [c.AclId as string] : [] },
    Tags: { Tag: [] },
  };
}

function renderHttp(lb: LoadBalancerRecord, l: ListenerRecord) {
  const {
    Tag: _t,
    LoadBalancerId: _id,
    RegionId: _r,
    ListenerPort: _p,
    BackendServerPort: _b,
    HealthCheck: _h,
    ...config
  } = l.config;
  return {
    LoadBalancerId: lb.id,
    ListenerPort: l.port,
    BackendServerPort: l.backendServerPort,
    Status: l.status === "running" ? ("running" as const) : ("stopped" as const),
    HealthCheck: l.healthCheck,
    SecurityStatus: "off" as const,
    ...config,
    AclIds: { AclId: config.AclId ? [config.AclId as string] : [] },
    Rules: { Rule: [] },
    Tags: { Tag: [] },
  };
}

/** Health of one backend behind one listener. */
function health(
  context: ActionContext,
  l: ListenerRecord,
  server: LoadBalancerRecord["backends"][number],
  port: number,
): "normal" | "abnormal" | "unavailable" {
  const { world, now } = context;
  const settle = context.durations.healthCheck;
  if (l.status !== "running" || l.healthCheck !== "on" || l.startedAt === undefined)
    return "unavailable";
  let since = Math.max(l.startedAt, server.addedAt);
  if (server.type === "eci" || server.type === "eni") {
    const group =
      server.type === "eci"
        ? world.eci.groups.get(server.serverId)
        : [...world.eci.groups.values()].find((g) => g.eniId === server.serverId);
    if (group?.status !== "Running" || !group.containers.every((c) => c.ready)) return "abnormal";
    since = Math.max(since, group.statusAt, ...group.containers.map((c) => c.state.startTime ?? 0));
    return now - since >= settle && listens(context, group, port) ? "normal" : "abnormal";
  }
  return now - since >= settle ? "normal" : "abnormal";
}

/** Whether some container's image serves the port (images of unknown ports answer on any). */
function listens(context: ActionContext, group: ContainerGroupRecord, port: number): boolean {
  return group.containers.some((c) => {
    const ports = context.images.get(c.image).ports;
    return ports === undefined || ports.includes(port);
  });
}

/** Handlers of the listener and health actions. */
export const slbListenerActions: Pick<
  ActionTable<operations>,
  | "CreateLoadBalancerTCPListener"
  | "CreateLoadBalancerHTTPListener"
  | "StartLoadBalancerListener"
  | "StopLoadBalancerListener"
  | "DeleteLoadBalancerListener"
  | "SetLoadBalancerTCPListenerAttribute"
  | "DescribeLoadBalancerTCPListenerAttribute"
  | "DescribeLoadBalancerHTTPListenerAttribute"
  | "DescribeLoadBalancerListeners"
  | "DescribeHealthStatus"
> = {
  CreateLoadBalancerTCPListener(context, input) {
    const lb = findLoadBalancer(context, input.LoadBalancerId);
    if (
      input.BackendServerPort === undefined &&
      !input.VServerGroupId &&
      !input.MasterSlaveServerGroupId
    ) {
      throw missingParameter("BackendServerPort");
    }
    addListener(lb, {
      port: input.ListenerPort,
      protocol: "tcp",
      backendServerPort: input.BackendServerPort ?? input.ListenerPort,
      status: "stopped",
      healthCheck: input.HealthCheckSwitch ?? "on",
      config: tcpConfig(input),
    });
    return {};
  },

  CreateLoadBalancerHTTPListener(context, input) {
    const lb = findLoadBalancer(context, input.LoadBalancerId);
    if (input.BackendServerPort === undefined && !input.VServerGroupId)
      throw missingParameter("BackendServerPort");
    if (input.StickySession === "on" && !input.StickySessionType)
      throw missingParameter("StickySessionType");
    if (input.StickySession === "on" && input.StickySessionType === "server" && !input.Cookie)
      throw missingParameter("Cookie");
    const {
      LoadBalancerId: _id,
      RegionId: _r,
      ListenerPort: _p,
      BackendServerPort: _b,
      HealthCheck: _h,
      Tag: _t,
      HealthCheckHttpCode,
      ...given
    } = input;
    addListener(lb, {
      port: input.ListenerPort,
      protocol: "http",
      backendServerPort: input.BackendServerPort ?? input.ListenerPort,
      status: "stopped",
      healthCheck: input.HealthCheck,
      config: {
        Bandwidth: -1,
        Description: "",
        Scheduler: "wrr",
        ListenerForward: "off",
        ForwardPort: 0,
        Gzip: "on",
        IdleTimeout: 15,
        RequestTimeout: 60,
        StickySession: "off",
        Cookie: "",
        CookieTimeout: 0,
        VServerGroupId: "",
        AclStatus: "off",
        AclId: "",
        HealthCheckMethod: "head",
        HealthCheckConnectPort: 0,
        HealthCheckTimeout: 5,
        HealthCheckInterval: 2,
        HealthyThreshold: 3,
        UnhealthyThreshold: 3,
        HealthCheckDomain: "",
        HealthCheckURI: "/",
        HealthCheckHttpCode: csv(HealthCheckHttpCode, "http_2xx"),
        XForwardedFor: "on",
        XForwardedFor_ClientSrcPort: "off",
        XForwardedFor_proto: "off",
        XForwardedFor_SLBID: "off",
        XForwardedFor_SLBIP: "off",
        XForwardedFor_SLBPORT: "off",
        ...given,
      },
    });
    return {};
  },

  StartLoadBalancerListener(context, input) {
    const listener = findListener(
      findLoadBalancer(context, input.LoadBalancerId),
      input.ListenerPort,
      input.ListenerProtocol,
    );
    if (listener.status !== "running") {
      listener.status = "running";
      listener.startedAt = context.now;
    }
    return {};
  },

  StopLoadBalancerListener(context, input) {
    const listener = findListener(
      findLoadBalancer(context, input.LoadBalancerId),
      input.ListenerPort,
      input.ListenerProtocol,
    );
    listener.status = "stopped";
    listener.startedAt = undefined;
    return {};
  },

  DeleteLoadBalancerListener(context, input) {
    const lb = findLoadBalancer(context, input.LoadBalancerId);
    const listener = findListener(lb, input.ListenerPort, input.ListenerProtocol);
    lb.listeners = lb.listeners.filter((l) => l !== listener);
    return {};
  },

  SetLoadBalancerTCPListenerAttribute(context, input) {
    const listener = findListener(
      findLoadBalancer(context, input.LoadBalancerId),
      input.ListenerPort,
      "tcp",
    );
    const { VServerGroup, MasterSlaveServerGroup, HealthCheckSwitch, ...rest } = input;
    listener.config = tcpConfig(rest as Record<string, unknown>, listener.config);
    if (VServerGroup === "off") listener.config.VServerGroupId = "";
    if (MasterSlaveServerGroup === "off") listener.config.MasterSlaveServerGroupId = "";
    if (HealthCheckSwitch !== undefined && HealthCheckSwitch !== listener.healthCheck) {
      listener.healthCheck = HealthCheckSwitch;
      if (listener.status === "running") listener.startedAt = context.now; // checks start over
    }
    return {};
  },

  DescribeLoadBalancerTCPListenerAttribute(context, input) {
    const lb = findLoadBalancer(context, input.LoadBalancerId);
    return renderTcp(lb, findListener(lb, input.ListenerPort, "tcp"));
  },

  DescribeLoadBalancerHTTPListenerAttribute(context, input) {
    const lb = findLoadBalancer(context, input.LoadBalancerId);
    return renderHttp(lb, findListener(lb, input.ListenerPort, "http"));
  },

  DescribeLoadBalancerListeners(context, input) {
    const ids = input.LoadBalancerId ?? [];
    const rows = inRegion(context, context.world.slb.loadBalancers.values())
      .filter((lb) => ids.length === 0 || ids.includes(lb.id))
      .flatMap((lb) => lb.listeners.map((l) => ({ lb, l })))
      .filter(
        ({ l }) =>
          (input.ListenerProtocol === undefined || l.protocol === input.ListenerProtocol) &&
          (input.ListenerPort === undefined || l.port === input.ListenerPort) &&
          (input.Description === undefined || l.config.Description === input.Description),
      );
    const { page, nextToken } = pageByToken(
      rows,
      input.NextToken,
      input.MaxResults,
      20,
      "NextToken",
    );
    return {
      Listeners: page.map(({ lb, l }) => {
        const common = {
          LoadBalancerId: lb.id,
          ListenerPort: l.port,
          ListenerProtocol: l.protocol,
          BackendServerPort: l.backendServerPort,
          Bandwidth: l.config.Bandwidth,
          Description: l.config.Description,
          Scheduler: l.config.Scheduler,
          Status: l.status === "running" ? ("running" as const) : ("stopped" as const),
          VServerGroupId: l.config.VServerGroupId ?? "",
          AclId: l.config.AclId ?? "",
          AclIds: l.config.AclId ? [l.config.AclId] : [],
          AclStatus: l.config.AclStatus ?? "off",
          ...(l.config.AclType ? { AclType: l.config.AclType } : {}),
          Tags: [],
        };
        if (l.protocol === "tcp") {
          const c = l.config;
          return {
            ...common,
            TCPListenerConfig: {
              ConnectionDrain: c.ConnectionDrain,
              ConnectionDrainTimeout: c.ConnectionDrainTimeout,
              EstablishedTimeout: c.EstablishedTimeout,
              PersistenceTimeout: c.PersistenceTimeout,
              MasterSlaveServerGroupId: c.MasterSlaveServerGroupId,
              ProxyProtocolV2Enabled: String(c.ProxyProtocolV2Enabled) as "true" | "false",
              HealthCheck: l.healthCheck,
              HealthCheckType: c.HealthCheckType,
              HealthCheckConnectPort: c.HealthCheckConnectPort,
              HealthCheckConnectTimeout: c.HealthCheckConnectTimeout,
              HealthCheckInterval: c.HealthCheckInterval as number,
              HealthyThreshold: c.HealthyThreshold,
              UnhealthyThreshold: c.UnhealthyThreshold,
              HealthCheckDomain: c.HealthCheckDomain,
              HealthCheckURI: c.HealthCheckURI,
              HealthCheckHttpCode: c.HealthCheckHttpCode,
              HealthCheckMethod: c.HealthCheckMethod,
            },
          };
        }
        const h = l.config;
        return {
          ...common,
          HTTPListenerConfig: {
            ListenerForward: h.ListenerForward,
            ForwardPort: h.ForwardPort,
            Gzip: h.Gzip,
            IdleTimeout: h.IdleTimeout,
            RequestTimeout: h.RequestTimeout,
            StickySession: h.StickySession,
            ...(h.StickySessionType ? { StickySessionType: h.StickySessionType } : {}),
            Cookie: h.Cookie,
            CookieTimeout: h.CookieTimeout,
            HealthCheck: l.healthCheck,
            HealthCheckType: "http",
            HealthCheckMethod: h.HealthCheckMethod,
            HealthCheckHttpVersion: "HTTP1.0",
            HealthCheckDomain: h.HealthCheckDomain,
            HealthCheckURI: h.HealthCheckURI,
            HealthCheckHttpCode: h.HealthCheckHttpCode,
            HealthCheckConnectPort: h.HealthCheckConnectPort,
            HealthCheckInterval: h.HealthCheckInterval,
            HealthCheckTimeout: h.HealthCheckTimeout,
            HealthyThreshold: h.HealthyThreshold,
            UnhealthyThreshold: h.UnhealthyThreshold,
            XForwardedFor: h.XForwardedFor,
            XForwardedFor_ClientSrcPort: h.XForwardedFor_ClientSrcPort,
            XForwardedFor_SLBID: h.XForwardedFor_SLBID,
            XForwardedFor_SLBIP: h.XForwardedFor_SLBIP,
            XForwardedFor_SLBPORT: h.XForwardedFor_SLBPORT,
            XForwardedFor_proto: h.XForwardedFor_proto,
          },
        };
      }),
      NextToken: nextToken,
      MaxResults: input.MaxResults ?? 20,
      TotalCount: rows.length,
    };
  },

  DescribeHealthStatus(context, input) {
    const lb = findLoadBalancer(context, input.LoadBalancerId);
    const listeners = lb.listeners.filter(
      (l) =>
        (input.ListenerPort === undefined || l.port === input.ListenerPort) &&
        (input.ListenerProtocol === undefined ||
          l.protocol === input.ListenerProtocol.toLowerCase()),
    );
    return {
      BackendServers: {
        BackendServer: listeners.flatMap((l) =>
          lb.backends.map((b) => ({
            ServerId: b.serverId,
            ServerIp: b.serverIp,
            Port: l.backendServerPort,
            ListenerPort: l.port,
            Protocol: l.protocol,
            ServerHealthStatus: health(context, l, b, l.backendServerPort),
          })),
        ),
      },
    };
  },
};
