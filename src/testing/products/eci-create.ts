// CreateContainerGroup: checks the network (VSwitch, security group, EIP), picks an image
// cache, resolves every container's start command, and sets the group on its way.
import type { components } from "../../../generated/eci.js";
import { invalidParameter, missingParameter, notFound } from "../errors.js";
import { defaultPullPolicy, parseImage, resolveStartCommand } from "../images.js";
import { own } from "../own.js";
import type { ContainerGroupRecord, ContainerRecord, ImageCacheRecord } from "../state.js";
import { type ActionContext, mergeTags } from "./context.js";
import { bestCache } from "./eci-caches.js";
import { addEvent, type StartPlan, startGroup } from "./eci-lifecycle.js";
import { place, scheduleFailed } from "./eci-placement.js";
import { addVCpu, checkQuota } from "./eci-quota.js";
import { allocateIp, bindEipToGroup, reserveIp, unboundEip } from "./links.js";
import { vpcEipActions } from "./vpc-eip.js";

type CreateInput = components["schemas"]["CreateContainerGroupRequest"];
// biome-ignore lint/suspicious/noExplicitAny: container inputs of create and update differ slightly
type ContainerInput = Record<string, any>;

/** A container record from its input; `param` is its wire prefix (`Container.1`) for messages. */
export function containerFrom(
  context: ActionContext,
  spec: ContainerInput,
  param: string,
): ContainerRecord {
  if (!spec.Name) throw missingParameter(`${param}.Name`);
  if (!spec.Image) throw missingParameter(`${param}.Image`);
  return {
    name: spec.Name,
    image: spec.Image,
    pullPolicy: spec.ImagePullPolicy ?? defaultPullPolicy(spec.Image),
    cpu: spec.Cpu ?? 0,
    memory: spec.Memory ?? 0,
    gpu: spec.Gpu ?? 0,
    ports: (spec.Port ?? []).map((p: { Port?: number; Protocol?: string }) => ({
      Port: p.Port ?? 0,
      Protocol: p.Protocol ?? "TCP",
    })),
    env: (spec.EnvironmentVar ?? []).map((e: { Key?: string; Value?: string }) => ({
      Key: e.Key ?? "",
      Value: e.Value ?? "",
    })),
    start: resolveStartCommand(context.images.get(spec.Image), spec),
    stdin: spec.Stdin ?? false,
    stdinOnce: spec.StdinOnce ?? false,
    tty: spec.Tty ?? false,
    spec,
    state: { state: "Waiting", reason: "ContainerCreating" },
    ready: false,
    restartCount: 0,
    launched: false,
    log: [],
    previousLog: [],
  };
}

/** Unique container names across app and init containers. */
export function checkNames(containers: ContainerRecord[], initContainers: ContainerRecord[]): void {
  const seen = new Set<string>();
  for (const c of [...initContainers, ...containers]) {
    if (seen.has(c.name))
      throw invalidParameter("Container.N.Name", `the container name ${c.name} is used twice`);
    seen.add(c.name);
  }
}

const SIZES: Record<string, number> = {
  large: 2,
  xlarge: 4,
  "2xlarge": 8,
  "3xlarge": 12,
  "4xlarge": 16,
  "8xlarge": 32,
};
const RATIO: Record<string, number> = { c: 2, g: 4, r: 8 };

/** vCPUs and GiB of an instance type such as `ecs.c6.large`. */
function sizeOf(instanceType: string): { cpu: number; memory: number } | undefined {
  const [, family, size] = instanceType.split(".");
  const cpu = size ? own(SIZES, size) : undefined;
  const ratio = family ? own(RATIO, family[0] as string) : undefined;
  return cpu && ratio ? { cpu, memory: cpu * ratio } : undefined;
}

/** The image cache to start from, and the images it spares pulling. */
function cachePlan(
  context: ActionContext,
  input: CreateInput,
  images: string[],
  events: ContainerGroupRecord["events"],
): StartPlan {
  let cache: ImageCacheRecord | undefined;
  if (input.ImageSnapshotId) {
    const named = context.world.eci.caches.find(context, input.ImageSnapshotId);
    if (named.Status === "Ready") cache = named;
    else {
      addEvent(
        events,
        context.now,
        "Warning",
        "ImageCacheMissed",
        `[eci.imagecache]The image cache ${named.ImageCacheId} is ${named.Status}; images will be pulled.`,
        "EciService",
      );
    }
  } else if (input.AutoMatchImageCache) {
    cache = bestCache(context, images);
    if (!cache)
      addEvent(
        events,
        context.now,
        "Normal",
        "ImageCacheMissed",
        "[eci.imagecache]No image cache matches the images; images will be pulled.",
        "EciService",
      );
  }
  const present = new Set<string>();
  if (cache) {
    const held = new Set(cache.Images.map((image) => parseImage(image).canonical));
    for (const image of images) if (held.has(parseImage(image).canonical)) present.add(image);
    cache.lastMatchedAt = context.now;
  }
  return cache ? { present, cache } : { present };
}

/** CreateContainerGroup. */
export function createContainerGroup(
  context: ActionContext,
  input: CreateInput,
): { ContainerGroupId: string } {
  const world = context.world;
  const containers = (input.Container ?? []).map((c, i) =>
    containerFrom(context, c, `Container.${i + 1}`),
  );
  if (containers.length === 0) throw missingParameter("Container.1.Image");
  const initContainers = (input.InitContainer ?? []).map((c, i) =>
    containerFrom(context, c, `InitContainer.${i + 1}`),
  );
  checkNames(containers, initContainers);

  const zones = context.regions[context.regionId] ?? [];
  if (input.ZoneId && !zones.includes(input.ZoneId)) {
    throw notFound(
      "InvalidZoneId.NotFound",
      `The specified zone ${input.ZoneId} does not exist in ${context.regionId}.`,
    );
  }
  const placement = place(context, input, input.ZoneId ?? zones[0] ?? `${context.regionId}-a`);
  const { vSwitch, instanceType } = placement;
  if (vSwitch && input.ZoneId && vSwitch.ZoneId !== input.ZoneId) {
    throw invalidParameter("ZoneId", `the VSwitch ${vSwitch.VSwitchId} is in ${vSwitch.ZoneId}`);
  }
  let securityGroupId = "";
  if (input.SecurityGroupId) {
    const group = world.ecs.securityGroups.find(context, input.SecurityGroupId);
    if (vSwitch && group.VpcId && group.VpcId !== vSwitch.VpcId) {
      throw invalidParameter(
        "SecurityGroupId",
        `${group.SecurityGroupId} is in ${group.VpcId}, the VSwitch in ${vSwitch.VpcId}`,
      );
    }
    securityGroupId = group.SecurityGroupId;
  }
  if (input.AutoCreateEip && input.EipInstanceId) {
    throw invalidParameter("EipInstanceId", "AutoCreateEip and EipInstanceId exclude each other");
  }
  const eip = input.EipInstanceId ? unboundEip(context, input.EipInstanceId) : undefined;

  const typed = instanceType ? sizeOf(instanceType) : undefined;
  const sum = (key: "cpu" | "memory") => containers.reduce((total, c) => total + c[key], 0);
  const cpu = input.Cpu ?? typed?.cpu ?? (sum("cpu") || 2);
  const memory = input.Memory ?? typed?.memory ?? (sum("memory") || 4);
  if (sum("cpu") > cpu)
    throw invalidParameter(
      "Cpu",
      `the containers ask for ${sum("cpu")} vCPUs, the group has ${cpu}`,
    );
  if (sum("memory") > memory)
    throw invalidParameter(
      "Memory",
      `the containers ask for ${sum("memory")} GiB, the group has ${memory}`,
    );

  checkQuota(context, cpu);
  const events: ContainerGroupRecord["events"] = [];
  const images = [...initContainers, ...containers].map((c) => c.image);
  const plan = cachePlan(context, input, images, events);
  const group = world.eci.groups.create(context, () => ({
    ContainerGroupName: input.ContainerGroupName,
    ZoneId: placement.zoneId,
    Status: "Pending",
    createdAt: context.now,
    statusAt: context.now,
    VpcId: vSwitch?.VpcId ?? "",
    VSwitchId: vSwitch?.VSwitchId ?? "",
    SecurityGroupId: securityGroupId,
    IntranetIp: vSwitch
      ? input.PrivateIpAddress
        ? reserveIp(vSwitch, input.PrivateIpAddress, "PrivateIpAddress")
        : allocateIp(vSwitch)
      : `172.16.${Math.floor(context.ids.next() * 256)}.${2 + Math.floor(context.ids.next() * 250)}`,
    EniInstanceId: context.ids.id("eni", context.regionId),
    Cpu: cpu,
    Memory: memory,
    InstanceType: instanceType,
    RestartPolicy: input.RestartPolicy ?? "Always",
    containers,
    initContainers,
    events,
    tags: mergeTags([], input.Tag),
    ...(plan.cache ? { imageCacheId: plan.cache.ImageCacheId } : {}),
    ResourceGroupId: input.ResourceGroupId ?? world.resourceGroupId,
    input: { ...input },
    generation: 0,
  }));
  addVCpu(context, cpu);
  if (input.AutoCreateEip) {
    const created = vpcEipActions.AllocateEipAddress(context, {
      RegionId: context.regionId,
      Bandwidth: String(input.EipBandwidth ?? 5),
      ...(input.EipISP ? { ISP: input.EipISP } : {}),
    });
    const auto = world.vpc.eips.get(created.AllocationId as string);
    if (auto) {
      group.autoEipId = auto.AllocationId;
      bindEipToGroup(context, auto, group);
    }
  } else if (eip) {
    bindEipToGroup(context, eip, group);
  }
  const scheduleAt = context.now + context.durations.schedule;
  const { verdict } = placement;
  if (verdict.kind === "scheduleFailed") scheduleFailed(context, group, verdict.event, scheduleAt);
  else {
    if (verdict.kind === "ok" && verdict.warning)
      addEvent(
        events,
        context.now,
        "Warning",
        verdict.warning.reason,
        verdict.warning.message,
        "EciService",
      );
    startGroup(context, group, plan, scheduleAt, true);
  }
  return { ContainerGroupId: group.ContainerGroupId };
}
