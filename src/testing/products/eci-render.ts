// How ECI shows its resources: container groups (DescribeContainerGroups), their
// Kubernetes-style status and events, and image caches (DescribeImageCaches).
import type { components } from "../../../generated/eci.js";
import type {
  ContainerGroupRecord,
  ContainerRecord,
  ContainerState,
  EventRecord,
  ImageCacheRecord,
  World,
} from "../state.js";
import { isoTime } from "./context.js";
import { internetIpOf } from "./links.js";
import { apiFields } from "./table.js";

type Schemas = components["schemas"];

const time = (ms: number | undefined) => (ms === undefined ? "" : isoTime(ms));

function renderState(state: ContainerState | undefined): Schemas["ContainerState"] {
  if (!state) return {};
  return {
    State: state.state,
    DetailStatus: state.detail ?? "",
    Reason: state.reason ?? "",
    Message: state.message ?? "",
    StartTime: time(state.startTime),
    FinishTime: time(state.finishTime),
    ...(state.exitCode !== undefined ? { ExitCode: state.exitCode } : {}),
    Signal: 0,
  };
}

function renderProbe(probe: Record<string, unknown> | undefined): Schemas["ProbeInfo"] | undefined {
  if (!probe) return undefined;
  // biome-ignore lint/suspicious/noExplicitAny: the input Probe shape
  const p = probe as any;
  return {
    ...(p.Exec?.Command ? { Execs: p.Exec.Command } : {}),
    ...(p.HttpGet ? { HttpGet: p.HttpGet } : {}),
    ...(p.TcpSocket ? { TcpSocket: p.TcpSocket } : {}),
    FailureThreshold: p.FailureThreshold ?? 3,
    InitialDelaySeconds: p.InitialDelaySeconds ?? 0,
    PeriodSeconds: p.PeriodSeconds ?? 10,
    SuccessThreshold: p.SuccessThreshold ?? 1,
    TimeoutSeconds: p.TimeoutSeconds ?? 1,
  };
}

function renderContainer(c: ContainerRecord): Schemas["ContainerInfo"] {
  const liveness = renderProbe(c.spec.LivenessProbe);
  const readiness = renderProbe(c.spec.ReadinessProbe);
  return {
    Name: c.name,
    Image: c.image,
    ImagePullPolicy: c.pullPolicy,
    Commands: [...c.start.command],
    Args: [...c.start.args],
    WorkingDir: c.start.workingDir,
    Cpu: c.cpu,
    Memory: c.memory,
    Gpu: c.gpu,
    Ports: c.ports.map((p) => ({ ...p })),
    EnvironmentVars: c.env.map((e) => ({ Key: e.Key, Value: e.Value })),
    // biome-ignore lint/suspicious/noExplicitAny: VolumeMount input items
    VolumeMounts: (c.spec.VolumeMount ?? []).map((m: any) => ({ ...m })),
    Ready: c.ready,
    RestartCount: c.restartCount,
    CurrentState: renderState(c.state),
    PreviousState: renderState(c.previous),
    Stdin: c.stdin,
    StdinOnce: c.stdinOnce,
    Tty: c.tty,
    ...(liveness ? { LivenessProbe: liveness } : {}),
    ...(readiness ? { ReadinessProbe: readiness } : {}),
    ...(c.spec.SecurityContext
      ? {
          SecurityContext: {
            ...(c.spec.SecurityContext.Capability?.Add
              ? { Capability: { Adds: c.spec.SecurityContext.Capability.Add } }
              : {}),
            ReadOnlyRootFilesystem: c.spec.SecurityContext.ReadOnlyRootFilesystem ?? false,
            RunAsUser: c.spec.SecurityContext.RunAsUser ?? 0,
          },
        }
      : {}),
  };
}

function renderInitContainer(c: ContainerRecord): Schemas["InitContainerInfo"] {
  const {
    Commands,
    Stdin: _s,
    StdinOnce: _o,
    Tty: _t,
    LivenessProbe: _l,
    ReadinessProbe: _r,
    VolumeMounts,
    ...rest
  } = renderContainer(c);
  // biome-ignore lint/suspicious/noExplicitAny: init mounts have no SubPath
  const mounts = (VolumeMounts ?? []).map(({ SubPath: _sp, ...m }: any) => m);
  return { ...rest, Command: Commands ?? [], VolumeMounts: mounts };
}

/** Events as DescribeContainerGroups and DescribeImageCaches list them. */
export function renderEvents(
  ownerId: string,
  events: EventRecord[],
): Schemas["ContainerGroupEvent"][] {
  return events.map((e, i) => ({
    Count: e.count,
    FirstTimestamp: isoTime(e.first),
    LastTimestamp: isoTime(e.last),
    Message: e.message,
    Name: `${ownerId}.${(e.first + i).toString(16)}`,
    Reason: e.reason,
    Type: e.type,
  }));
}

// biome-ignore lint/suspicious/noExplicitAny: Volume input items
function renderVolume(v: any): Schemas["VolumeInfo"] {
  return {
    Name: v.Name,
    Type: v.Type,
    ...(v.NFSVolume
      ? {
          NFSVolumeServer: v.NFSVolume.Server,
          NFSVolumePath: v.NFSVolume.Path,
          NFSVolumeReadOnly: v.NFSVolume.ReadOnly ?? false,
        }
      : {}),
    ...(v.EmptyDirVolume
      ? {
          EmptyDirVolumeMedium: v.EmptyDirVolume.Medium,
          EmptyDirVolumeSizeLimit: v.EmptyDirVolume.SizeLimit,
        }
      : {}),
    ...(v.ConfigFileVolume
      ? {
          ConfigFileVolumeConfigFileToPaths: (v.ConfigFileVolume.ConfigFileToPath ?? []).map(
            ({ Content, Path }: { Content?: string; Path?: string }) => ({ Content, Path }),
          ),
        }
      : {}),
    ...(v.FlexVolume
      ? {
          FlexVolumeDriver: v.FlexVolume.Driver,
          FlexVolumeFsType: v.FlexVolume.FsType,
          FlexVolumeOptions: v.FlexVolume.Options,
        }
      : {}),
    ...(v.DiskVolume
      ? { DiskVolumeDiskId: v.DiskVolume.DiskId, DiskVolumeFsType: v.DiskVolume.FsType }
      : {}),
  };
}

/** A container group as DescribeContainerGroups shows it. */
export function renderGroup(
  world: World,
  g: ContainerGroupRecord,
  withEvents = true,
): Schemas["ContainerGroup"] {
  const { input, containers, initContainers, tags, events } = g;
  return {
    ...apiFields(g),
    Status: g.Status as Schemas["ContainerGroupState"],
    CreationTime: isoTime(g.createdAt),
    SucceededTime: time(g.succeededAt),
    FailedTime: time(g.failedAt),
    ExpiredTime: "",
    ...(input.ComputeCategory?.[0] ? { ComputeCategory: input.ComputeCategory[0] } : {}),
    InternetIp: internetIpOf(world, g),
    Ipv6Address: "",
    RamRoleName: input.RamRoleName ?? "",
    SpotStrategy: input.SpotStrategy ?? "NoSpot",
    SpotPriceLimit: input.SpotPriceLimit ?? 0,
    Discount: 10,
    EphemeralStorage: input.EphemeralStorage ?? 0,
    TenantEniInstanceId: "",
    TenantEniIp: "",
    TenantSecurityGroupId: "",
    TenantVSwitchId: "",
    DnsPolicy: input.DnsPolicy ?? "Default",
    ...(input.DnsConfig
      ? {
          DnsConfig: {
            NameServers: input.DnsConfig.NameServer ?? [],
            Searches: input.DnsConfig.Search ?? [],
            Options: input.DnsConfig.Option ?? [],
          },
        }
      : {}),
    ...(input.SecurityContext?.Sysctl
      ? { EciSecurityContext: { Sysctls: input.SecurityContext.Sysctl } }
      : {}),
    // biome-ignore lint/suspicious/noExplicitAny: HostAliase input items
    HostAliases: (input.HostAliase ?? []).map((h: any) => ({
      Ip: h.Ip,
      Hostnames: h.Hostname ?? [],
    })),
    Containers: containers.map(renderContainer),
    InitContainers: initContainers.map(renderInitContainer),
    Volumes: (input.Volume ?? []).map(renderVolume),
    Tags: tags.map((t) => ({ ...t })),
    Events: withEvents ? renderEvents(g.ContainerGroupId, events) : [],
  };
}

function podState(state: ContainerState | undefined, id: string): Schemas["PodContainerState"] {
  if (!state) return {};
  if (state.state === "Running") return { Running: { StartedAtstartedAt: time(state.startTime) } };
  if (state.state === "Waiting")
    return { Waiting: { Reason: state.reason ?? "", Message: state.message ?? "" } };
  return {
    Terminated: {
      ContainerID: `containerd://${id}`,
      ExitCode: state.exitCode ?? 0,
      Reason: state.reason ?? "",
      Message: state.message ?? "",
      StartedAt: time(state.startTime),
      FinishedAt: time(state.finishTime),
      Signal: 0,
    },
  };
}

/** A group as DescribeContainerGroupStatus shows it: a Kubernetes pod status. */
export function renderPodStatus(g: ContainerGroupRecord): Schemas["ContainerGroupStatus"] {
  const ready = g.Status === "Running" && g.containers.every((c) => c.ready);
  const started = g.events.find((e) => e.reason === "Scheduled");
  const condition = (
    type: NonNullable<NonNullable<Schemas["PodStatus"]["Conditions"]>[number]["type"]>,
    ok: boolean,
  ) => ({
    type,
    status: ok ? "True" : "False",
    lastTransitionTime: isoTime(ok && started ? started.first : g.statusAt),
    Reason: "",
    Message: "",
  });
  return {
    ContainerGroupId: g.ContainerGroupId,
    Name: g.ContainerGroupName,
    Namespace: "default",
    uuid: `${g.ContainerGroupId.slice(4, 12)}-0000-4000-8000-${g.ContainerGroupId.slice(-12).padStart(12, "0")}`,
    Annotations: "",
    Status: g.Status as Schemas["ContainerGroupState"],
    PodStatus: {
      Phase: g.Status === "Restarting" || g.Status === "Updating" ? "Pending" : g.Status,
      HostIp: g.IntranetIp,
      PodIp: g.IntranetIp,
      PodIps: g.IntranetIp ? [{ Ip: g.IntranetIp }] : [],
      QosClass: "Guaranteed",
      StartTime: started ? isoTime(started.first) : "",
      Conditions: [
        condition("PodScheduled", started !== undefined),
        condition(
          "Initialized",
          g.initContainers.every((c) => c.state.state === "Terminated" && c.state.exitCode === 0),
        ),
        condition("ContainersReady", ready),
        condition("Ready", ready),
      ],
      ContainerStatuses: g.containers.map((c, i) => ({
        Name: c.name,
        Image: c.image,
        ImageID: c.launched
          ? `${c.image}@sha256:${(g.ContainerGroupId + c.name)
              .split("")
              .map((ch) => ch.charCodeAt(0).toString(16))
              .join("")
              .padEnd(64, "0")
              .slice(0, 64)}`
          : "",
        Ready: c.ready,
        Started: c.state.state === "Running",
        RestartCount: c.restartCount,
        State: podState(c.state, `${g.ContainerGroupId}-${i}`),
        LastState: podState(c.previous, `${g.ContainerGroupId}-${i}-prev`),
      })),
    },
  };
}

/** A group's events as DescribeContainerGroupEvents shows them (Kubernetes events). */
export function renderPodEvents(
  g: ContainerGroupRecord,
  events: EventRecord[],
): Schemas["ContainerGroupEvents"] {
  return {
    ContainerGroupId: g.ContainerGroupId,
    Name: g.ContainerGroupName,
    Namespace: "default",
    uuid: renderPodStatus(g).uuid as string,
    Annotations: "",
    Events: events.map((e, i) => ({
      Count: e.count,
      FirstTimestamp: isoTime(e.first),
      LastTimestamp: isoTime(e.last),
      Message: e.message,
      Reason: e.reason,
      Type: e.type,
      Metadata: {
        Name: `${g.ContainerGroupName}.${(e.first + i).toString(16)}`,
        Namespace: "default",
      },
      ReportingComponent: e.component,
      ReportingInstance: e.component === "kubelet" ? g.ContainerGroupId : "",
      Source: { Component: e.component, Host: e.component === "kubelet" ? g.ContainerGroupId : "" },
      involvedObject: {
        ApiVersion: "v1",
        Kind: "Pod",
        Name: g.ContainerGroupName,
        Namespace: "default",
        Uid: renderPodStatus(g).uuid as string,
      },
    })),
  };
}

/** Progress of a cache: "0%" while Preparing, even growth while Creating, "100%" when Ready. */
export function cacheProgress(cache: ImageCacheRecord, now: number): string {
  if (cache.Status === "Ready") return "100%";
  if (cache.Status === "Preparing") return "0%";
  const span = Math.max(1, cache.buildUntil - cache.buildFrom);
  const share = Math.floor(((Math.min(now, cache.buildUntil) - cache.buildFrom) / span) * 100);
  return `${Math.max(0, Math.min(99, share))}%`;
}

/** An image cache as DescribeImageCaches shows it. */
export function renderCache(cache: ImageCacheRecord, now: number): Schemas["ImageCache"] {
  const { createdAt, retentionDays } = cache;
  return {
    ...apiFields(cache),
    Progress: cacheProgress(cache, now),
    Images: [...cache.Images],
    CreationTime: isoTime(createdAt),
    ExpireDateTime: retentionDays ? isoTime(createdAt + retentionDays * 86_400_000) : "",
    FlashSnapshotId: "",
    LastMatchedTime: time(cache.lastMatchedAt),
    Tags: cache.tags.map((t) => ({ ...t })),
    Events: renderEvents(cache.ImageCacheId, cache.events),
  };
}
