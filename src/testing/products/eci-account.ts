// ECI odds and ends: regions, stock, prices, usage, monitoring samples and tags.

import type { operations } from "../../../generated/eci.js";
import type { Output } from "../../core/types.js";
import { invalidParameter, notFound } from "../errors.js";
import type { ContainerGroupRecord, TagRecord } from "../state.js";
import { type ActionContext, type ActionTable, isoTime, mergeTags } from "./context.js";
import { usage } from "./eci-quota.js";
import { pageByToken } from "./paging.js";

type MetricRecord = NonNullable<
  Output<operations, "DescribeContainerGroupMetric">["Records"]
>[number];

/** Pay-as-you-go price per second, CNY, close to the public price list. */
const PRICE = { cpu: 0.000049, memory: 0.0000053 };

const FAMILIES = [
  "ecs.c6",
  "ecs.g6",
  "ecs.r6",
  "ecs.c7",
  "ecs.g7",
  "ecs.r7",
  "ecs.hfc6",
  "ecs.gn6i",
];
const TYPES = [
  "ecs.c6.large",
  "ecs.c6.xlarge",
  "ecs.c6.2xlarge",
  "ecs.g6.large",
  "ecs.g6.xlarge",
  "ecs.g6.2xlarge",
  "ecs.r6.large",
  "ecs.r6.xlarge",
];

/** A reproducible number in [0, 1) from a text (samples that look random but do not change). */
function noise(text: string): number {
  let h = 2166136261;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 16777619);
  return (h >>> 0) / 4294967296;
}

/** One monitoring sample of a group at a time. */
function sample(group: ContainerGroupRecord, at: number): MetricRecord {
  const n = (what: string) => noise(`${group.ContainerGroupId}/${what}/${Math.floor(at / 1000)}`);
  const running = group.containers.filter((c) => c.state.state === "Running");
  const cores = (share: number) => Math.floor(share * 1e9);
  const memory = (gib: number, share: number) => {
    const usage = Math.floor(gib * 2 ** 30 * share);
    return {
      AvailableBytes: Math.floor(gib * 2 ** 30) - usage,
      UsageBytes: usage,
      WorkingSet: Math.floor(usage * 0.9),
      Rss: Math.floor(usage * 0.7),
      Cache: Math.floor(usage * 0.1),
    };
  };
  const cpuShare = 0.02 + n("cpu") * 0.3 * Math.min(1, running.length);
  return {
    Timestamp: isoTime(at),
    CPU: {
      Limit: group.Cpu * 1000,
      Load: Math.floor(cpuShare * 1000),
      UsageNanoCores: cores(cpuShare * group.Cpu),
      UsageCoreNanoSeconds: cores(cpuShare * group.Cpu) * Math.floor((at - group.createdAt) / 1000),
    },
    Memory: memory(group.Memory, 0.05 + n("mem") * 0.3),
    Containers: group.containers.map((c) => ({
      Name: c.name,
      CPU: {
        Limit: (c.cpu || group.Cpu) * 1000,
        Load: Math.floor(cpuShare * 900),
        UsageNanoCores: cores(cpuShare * (c.cpu || group.Cpu) * 0.9),
        UsageCoreNanoSeconds: 0,
      },
      Memory: memory(c.memory || group.Memory, 0.04 + n(`mem/${c.name}`) * 0.25),
    })),
    Network: {
      Interfaces: [
        {
          Name: "eth0",
          RxBytes: Math.floor(n("rx") * 1e7),
          RxPackets: Math.floor(n("rxp") * 1e4),
          RxErrors: 0,
          RxDrops: 0,
          TxBytes: Math.floor(n("tx") * 1e7),
          TxPackets: Math.floor(n("txp") * 1e4),
          TxErrors: 0,
          TxDrops: 0,
        },
      ],
    },
    Disk: [
      {
        Device: "/dev/vda",
        ReadBytes: Math.floor(n("rb") * 1e6),
        ReadIO: Math.floor(n("ri") * 100),
        WriteBytes: Math.floor(n("wb") * 1e6),
        WriteIO: Math.floor(n("wi") * 100),
      },
    ],
    Filesystem: [
      {
        FsName: "/dev/vda1",
        Category: "System",
        Capacity: 30 * 2 ** 30,
        Usage: Math.floor((1 + n("fs")) * 2 ** 30),
        Available: Math.floor((29 - n("fs")) * 2 ** 30),
      },
    ],
  };
}

/** Resources that take tags, by ResourceType. */
function taggable(context: ActionContext, type: string, id: string): { tags: TagRecord[] } {
  if (type === "ContainerGroup") return context.world.eci.groups.find(context, id);
  if (type === "ImageCache") return context.world.eci.caches.find(context, id);
  throw notFound("InvalidParameter.NotFound", `The specified ${type} ${id} does not exist.`);
}

/** Handlers of the region, price, usage, metric and tag actions. */
export const eciAccountActions: Pick<
  ActionTable<operations>,
  | "DescribeRegions"
  | "DescribeAvailableResource"
  | "DescribeContainerGroupPrice"
  | "ListUsage"
  | "DescribeContainerGroupMetric"
  | "DescribeMultiContainerGroupMetric"
  | "ListTagResources"
  | "TagResources"
  | "UntagResources"
> = {
  DescribeRegions(context) {
    return {
      Regions: Object.entries(context.regions).map(([id, zones]) => ({
        RegionId: id,
        RegionEndpoint: `eci.${id}.aliyuncs.com`,
        Zones: [...zones],
        RecommendZones: zones.slice(0, 2),
        UnavailableZones: [],
      })),
    };
  },

  DescribeAvailableResource(context, input) {
    const { Category, Value, Cores, Memory } = input.DestinationResource;
    const values = (Category === "InstanceTypeFamily" ? FAMILIES : TYPES).filter((v) => {
      if (Value !== undefined && v !== Value) return false;
      if (Category !== "InstanceType" || (Cores === undefined && Memory === undefined)) return true;
      const size = { large: 2, xlarge: 4, "2xlarge": 8 }[v.split(".")[2] as "large"] ?? 2;
      const ratio = { c: 2, g: 4, r: 8 }[(v.split(".")[1] as string)[0] as "c"] ?? 2;
      return (
        (Cores === undefined || size === Cores) && (Memory === undefined || size * ratio === Memory)
      );
    });
    const zones = (context.regions[context.regionId] ?? []).filter(
      (z) => input.ZoneId === undefined || z === input.ZoneId,
    );
    return {
      AvailableZones: {
        AvailableZone: zones.map((zone) => ({
          RegionId: context.regionId,
          ZoneId: zone,
          AvailableResources: {
            AvailableResource: [
              {
                Type: Category,
                SupportedResources: {
                  SupportedResource: values.map((value) => ({
                    Value: value,
                    StatusCategory: "WithStock" as const,
                  })),
                },
              },
            ],
          },
        })),
      },
    };
  },

  DescribeContainerGroupPrice(context, input) {
    const size = input.InstanceType ? /\.(\d*x?large)$/.exec(input.InstanceType)?.[1] : undefined;
    const cpu = input.Cpu ?? (size ? ({ large: 2, xlarge: 4, "2xlarge": 8 }[size] ?? 2) : 2);
    const memory = input.Memory ?? cpu * 2;
    const round = (n: number) => Math.round(n * 1e7) / 1e7;
    const cpuPrice = round(cpu * PRICE.cpu);
    const memoryPrice = round(memory * PRICE.memory);
    const total = round(cpuPrice + memoryPrice);
    const spot = input.SpotStrategy && input.SpotStrategy !== "NoSpot";
    const detail = (Resource: string, price: number) => ({
      Resource,
      OriginalPrice: price,
      DiscountPrice: 0,
      TradePrice: price,
      Rules: { Rule: [] },
    });
    return {
      PriceInfo: {
        Price: {
          Currency: "CNY",
          OriginalPrice: total,
          DiscountPrice: 0,
          TradePrice: spot ? round(total * 0.2) : total,
          DetailInfos: { DetailInfo: [detail("cpu", cpuPrice), detail("memory", memoryPrice)] },
        },
        Rules: { Rule: [] },
        SpotPrices: {
          SpotPrice: spot
            ? [
                {
                  InstanceType: input.InstanceType ?? "",
                  ZoneId: input.ZoneId ?? context.regions[context.regionId]?.[0] ?? "",
                  OriginPrice: total,
                  SpotPrice: round(total * 0.2),
                },
              ]
            : [],
        },
      },
    };
  },

  ListUsage(context) {
    const { groups, vCpu } = usage(context);
    const caches = context.world.eci.caches.inRegion(context);
    const quotas = context.world.quotas;
    return {
      Attributes: {
        MaxContainerGroupQuota: String(quotas.containerGroups),
        UsedContainerGroupQuota: String(groups),
        MaxVCpuQuota: String(quotas.vCpu),
        UsedVCpuQuota: String(vCpu),
        MaxImageCacheQuota: String(quotas.imageCaches),
        UsedImageCacheQuota: String(caches.length),
      },
    };
  },

  DescribeContainerGroupMetric(context, input) {
    const group = context.world.eci.groups.find(context, input.ContainerGroupId);
    const period = Number(input.Period ?? 60) * 1000;
    if (!(period > 0)) throw invalidParameter("Period", "must be a number of seconds such as 60");
    const end = input.EndTime ? Date.parse(input.EndTime) : context.now;
    const start = input.StartTime ? Date.parse(input.StartTime) : end - 5 * 60_000;
    if (Number.isNaN(end) || Number.isNaN(start) || start > end)
      throw invalidParameter("StartTime", "must be a UTC time before EndTime");
    const records: MetricRecord[] = [];
    if (group.Status === "Running") {
      const from = Math.max(start, group.statusAt);
      for (
        let at = from - (from % period) + period;
        at <= Math.min(end, context.now) && records.length < 1440;
        at += period
      )
        records.push(sample(group, at));
    }
    return { ContainerGroupId: group.ContainerGroupId, Records: records };
  },

  DescribeMultiContainerGroupMetric(context, input) {
    const ids = input.ContainerGroupIds;
    if (!Array.isArray(ids))
      throw invalidParameter("ContainerGroupIds", 'must be a JSON list such as ["eci-…"]');
    return {
      MonitorDatas: ids.map((id) => {
        const group = context.world.eci.groups.find(context, id);
        const latest = sample(group, context.now - (context.now % 60_000));
        const { Disk, Filesystem, ...rest } = latest;
        return {
          ContainerGroupId: group.ContainerGroupId,
          Records:
            group.Status === "Running"
              ? [
                  {
                    ...rest,
                    Disk: (Disk ?? []).map((d) => ({
                      Device: d.Device,
                      ReadBytes: d.ReadBytes,
                      ReadIo: d.ReadIO,
                      WriteBytes: d.WriteBytes,
                      WriteIo: d.WriteIO,
                    })),
                    Filesystem: (Filesystem ?? []).map(({ Category: _c, ...f }) => f),
                  },
                ]
              : [],
        };
      }),
    };
  },

  ListTagResources(context, input) {
    const type = input.ResourceType;
    const eci = context.world.eci;
    const records: { id: string; tags: TagRecord[] }[] =
      type === "ContainerGroup"
        ? eci.groups.inRegion(context).map((g) => ({ id: g.ContainerGroupId, tags: g.tags }))
        : type === "ImageCache"
          ? eci.caches.inRegion(context).map((c) => ({ id: c.ImageCacheId, tags: c.tags }))
          : [];
    const rows = records
      .filter((r) => !input.ResourceId?.length || input.ResourceId.includes(r.id))
      .flatMap((r) =>
        r.tags
          .filter(
            (t) =>
              !input.Tag?.length ||
              input.Tag.some(
                (w) => w.Key === t.Key && (w.Value === undefined || w.Value === t.Value),
              ),
          )
          .map((t) => ({ ResourceId: r.id, ResourceType: type, TagKey: t.Key, TagValue: t.Value })),
      );
    const limit = input.Limit !== undefined ? Number(input.Limit) : undefined;
    if (limit !== undefined && !Number.isInteger(limit))
      throw invalidParameter("Limit", "must be a whole number");
    const { page, nextToken } = pageByToken(rows, input.NextToken, limit, 20);
    return { TagResources: page, NextToken: nextToken };
  },

  TagResources(context, input) {
    const resources = input.ResourceId.map((id) => taggable(context, input.ResourceType, id));
    for (const resource of resources) resource.tags = mergeTags(resource.tags, input.Tag);
    return {};
  },

  UntagResources(context, input) {
    const resources = input.ResourceId.map((id) => taggable(context, input.ResourceType, id));
    for (const resource of resources) {
      resource.tags = input.All
        ? []
        : resource.tags.filter((t) => !(input.TagKey ?? []).includes(t.Key));
    }
    return {};
  },
};
