// SLB model, part 2: TCP and HTTP listeners (created stopped, started on demand) and the
// health of each backend behind them: `normal` once a running listener with a health check
// has seen a live, ready container answering on the port for a while.
import type { operations } from "../../../generated/slb.js";
import type { Input } from "../../core/types.js";
import { FakeApiError, missingParameter, notFound } from "../errors.js";
import type { ContainerGroupRecord, ListenerRecord, LoadBalancerRecord } from "../state.js";
import { type ActionContext, type ActionTable, listOf } from "./context.js";
import { where } from "./filter.js";
import { pageByToken } from "./paging.js";

function findListener(lb: LoadBalancerRecord, port: number, protocol?: string): ListenerRecord {
  const listener = lb.listeners.find((l) => l.ListenerPort === port);
  if (
    !listener ||
    (protocol !== undefined && listener.ListenerProtocol !== protocol.toLowerCase())
  ) {
    throw notFound(
      "ResourceNotFound.Listener",
      `The ${protocol ? `${protocol} ` : ""}listener on port ${port} of ${lb.LoadBalancerId} does not exist.`,
    );
  }
  return listener;
}

/** The listener a call names: its load balancer's, on ListenerPort (and ListenerProtocol). */
function listenerOf(
  context: ActionContext,
  input: { LoadBalancerId: string; ListenerPort: number; ListenerProtocol?: string },
  protocol = input.ListenerProtocol,
): ListenerRecord {
  const lb = context.world.slb.loadBalancers.find(context, input.LoadBalancerId);
  return findListener(lb, input.ListenerPort, protocol);
}

function addListener(lb: LoadBalancerRecord, listener: ListenerRecord): void {
  if (lb.listeners.some((l) => l.ListenerPort === listener.ListenerPort)) {
    throw new FakeApiError(
      "ListenerAlreadyExists",
      `A listener on port ${listener.ListenerPort} already exists on ${lb.LoadBalancerId}.`,
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

/** What both listener views start with: the listener's own fields (Status: running or stopped). */
function listenerHead(lb: LoadBalancerRecord, l: ListenerRecord) {
  return {
    LoadBalancerId: lb.LoadBalancerId,
    ListenerPort: l.ListenerPort,
    BackendServerPort: l.BackendServerPort,
    Status: l.Status === "running" ? ("running" as const) : ("stopped" as const),
    HealthCheck: l.HealthCheck,
  };
}

function renderTcp(lb: LoadBalancerRecord, l: ListenerRecord) {
  const c = l.config;
  return {
    ...listenerHead(lb, l),
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
    ...listenerHead(lb, l),
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
  if (l.Status !== "running" || l.HealthCheck !== "on" || l.startedAt === undefined)
    return "unavailable";
  let since = Math.max(l.startedAt, server.addedAt);
  if (server.Type === "eci" || server.Type === "eni") {
    const group =
      server.Type === "eci"
        ? world.eci.groups.get(server.ServerId)
        : [...world.eci.groups.values()].find((g) => g.EniInstanceId === server.ServerId);
    if (group?.Status !== "Running" || !group.containers.every((c) => c.ready)) return "abnormal";
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
    const lb = context.world.slb.loadBalancers.find(context, input.LoadBalancerId);
    if (
      input.BackendServerPort === undefined &&
      !input.VServerGroupId &&
      !input.MasterSlaveServerGroupId
    ) {
      throw missingParameter("BackendServerPort");
    }
    addListener(lb, {
      ListenerPort: input.ListenerPort,
      ListenerProtocol: "tcp",
      BackendServerPort: input.BackendServerPort ?? input.ListenerPort,
      Status: "stopped",
      HealthCheck: input.HealthCheckSwitch ?? "on",
      config: tcpConfig(input),
    });
    return {};
  },

  CreateLoadBalancerHTTPListener(context, input) {
    const lb = context.world.slb.loadBalancers.find(context, input.LoadBalancerId);
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
      ListenerPort: input.ListenerPort,
      ListenerProtocol: "http",
      BackendServerPort: input.BackendServerPort ?? input.ListenerPort,
      Status: "stopped",
      HealthCheck: input.HealthCheck,
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
    const listener = listenerOf(context, input);
    if (listener.Status !== "running") {
      listener.Status = "running";
      listener.startedAt = context.now;
    }
    return {};
  },

  StopLoadBalancerListener(context, input) {
    const listener = listenerOf(context, input);
    listener.Status = "stopped";
    listener.startedAt = undefined;
    return {};
  },

  DeleteLoadBalancerListener(context, input) {
    const lb = context.world.slb.loadBalancers.find(context, input.LoadBalancerId);
    const listener = findListener(lb, input.ListenerPort, input.ListenerProtocol);
    lb.listeners = lb.listeners.filter((l) => l !== listener);
    return {};
  },

  SetLoadBalancerTCPListenerAttribute(context, input) {
    const listener = listenerOf(context, input, "tcp");
    const { VServerGroup, MasterSlaveServerGroup, HealthCheckSwitch, ...rest } = input;
    listener.config = tcpConfig(rest as Record<string, unknown>, listener.config);
    if (VServerGroup === "off") listener.config.VServerGroupId = "";
    if (MasterSlaveServerGroup === "off") listener.config.MasterSlaveServerGroupId = "";
    if (HealthCheckSwitch !== undefined && HealthCheckSwitch !== listener.HealthCheck) {
      listener.HealthCheck = HealthCheckSwitch;
      if (listener.Status === "running") listener.startedAt = context.now; // checks start over
    }
    return {};
  },

  DescribeLoadBalancerTCPListenerAttribute(context, input) {
    const lb = context.world.slb.loadBalancers.find(context, input.LoadBalancerId);
    return renderTcp(lb, findListener(lb, input.ListenerPort, "tcp"));
  },

  DescribeLoadBalancerHTTPListenerAttribute(context, input) {
    const lb = context.world.slb.loadBalancers.find(context, input.LoadBalancerId);
    return renderHttp(lb, findListener(lb, input.ListenerPort, "http"));
  },

  DescribeLoadBalancerListeners(context, input) {
    const ids = input.LoadBalancerId ?? [];
    const matches = where(input, ["ListenerProtocol", "ListenerPort"], {
      Description: (l: ListenerRecord, text) => l.config.Description === text,
    });
    const rows = context.world.slb.loadBalancers
      .inRegion(context)
      .filter((lb) => ids.length === 0 || ids.includes(lb.LoadBalancerId))
      .flatMap((lb) => lb.listeners.filter(matches).map((l) => ({ lb, l })));
    const { page, nextToken } = pageByToken(
      rows,
      input.NextToken,
      input.MaxResults,
      20,
      "NextToken",
    );
    return {
      Listeners: page.map(({ lb, l }) => {
        const { HealthCheck: _, ...head } = listenerHead(lb, l);
        const common = {
          ...head,
          ListenerProtocol: l.ListenerProtocol,
          Bandwidth: l.config.Bandwidth,
          Description: l.config.Description,
          Scheduler: l.config.Scheduler,
          VServerGroupId: l.config.VServerGroupId ?? "",
          AclId: l.config.AclId ?? "",
          AclIds: l.config.AclId ? [l.config.AclId] : [],
          AclStatus: l.config.AclStatus ?? "off",
          ...(l.config.AclType ? { AclType: l.config.AclType } : {}),
          Tags: [],
        };
        if (l.ListenerProtocol === "tcp") {
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
              HealthCheck: l.HealthCheck,
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
            HealthCheck: l.HealthCheck,
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
    const lb = context.world.slb.loadBalancers.find(context, input.LoadBalancerId);
    const listeners = lb.listeners.filter(
      where(input, ["ListenerPort"], {
        ListenerProtocol: (l: ListenerRecord, protocol) =>
          l.ListenerProtocol === protocol.toLowerCase(),
      }),
    );
    return {
      BackendServers: {
        BackendServer: listeners.flatMap((l) =>
          lb.backends.map((b) => ({
            ServerId: b.ServerId,
            ServerIp: b.ServerIp,
            Port: l.BackendServerPort,
            ListenerPort: l.ListenerPort,
            Protocol: l.ListenerProtocol,
            ServerHealthStatus: health(context, l, b, l.BackendServerPort),
          })),
        ),
      },
    };
  },
};
