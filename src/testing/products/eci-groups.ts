// ECI container groups: list, status, events, delete, restart and update.
import type { operations } from "../../../generated/eci.js";
import { incorrectStatus, invalidParameter } from "../errors.js";
import type { ContainerGroupRecord } from "../state.js";
import { type ActionContext, type ActionTable, mergeTags } from "./context.js";
import { checkNames, containerFrom, createContainerGroup } from "./eci-create.js";
import { addEvent, setStatus, startGroup, stopContainers } from "./eci-lifecycle.js";
import { addVCpu } from "./eci-quota.js";
import { renderGroup, renderPodEvents, renderPodStatus } from "./eci-render.js";
import { tagged, where } from "./filter.js";
import { detachBackend, releaseIp, unbindGroupEip } from "./links.js";
import { pageByToken } from "./paging.js";

/** The filters the container group lists share. */
interface GroupFilter {
  ContainerGroupIds?: string[];
  ContainerGroupName?: string;
  Status?: string;
  VSwitchId?: string;
  SecurityGroupId?: string;
  ZoneId?: string;
  ResourceGroupId?: string;
  Tag?: { Key?: string; Value?: string }[];
}

/** The groups of the region matching the usual filters, newest first. */
function selectGroups(context: ActionContext, filter: GroupFilter): ContainerGroupRecord[] {
  if (filter.ContainerGroupIds && !Array.isArray(filter.ContainerGroupIds)) {
    throw invalidParameter("ContainerGroupIds", 'must be a JSON list such as ["eci-…"]');
  }
  const same = [
    "ContainerGroupName",
    "Status",
    "VSwitchId",
    "SecurityGroupId",
    "ZoneId",
    "ResourceGroupId",
  ] as const;
  const groups = context.world.eci.groups;
  // by id when ids are given: a poll of 20 ids must not scan every group of the account
  const ids = filter.ContainerGroupIds?.length ? new Set(filter.ContainerGroupIds) : undefined;
  const candidates = ids
    ? [...ids].flatMap((id) => {
        const g = groups.get(id);
        return g && g.RegionId === context.regionId ? [g] : [];
      })
    : groups.inRegion(context);
  return candidates
    .filter(
      where(filter, same, {
        ContainerGroupIds: (g, ids) => !ids.length || ids.includes(g.ContainerGroupId),
        Tag: tagged,
      }),
    )
    .sort((a, b) => b.createdAt - a.createdAt);
}

/** What a restart or an update leaves in place: the images already on the instance. */
function presentImages(group: ContainerGroupRecord): Set<string> {
  return new Set(
    [...group.initContainers, ...group.containers]
      .filter((c) => c.launched || c.previous)
      .map((c) => c.image),
  );
}

/** Starts a restarted or updated group again, after saying so in its events. */
function relaunch(
  context: ActionContext,
  group: ContainerGroupRecord,
  present: Set<string>,
  reason: string,
  doing: string,
): void {
  const message = `${doing} container group ${group.ContainerGroupId}`;
  addEvent(group.events, context.now, "Normal", reason, message, "EciService");
  startGroup(context, group, { present }, context.now + context.durations.restart, false);
}

/** Handlers of the container group actions (logs and exec live in eci-containers). */
export const eciGroupActions: Pick<
  ActionTable<operations>,
  | "CreateContainerGroup"
  | "DescribeContainerGroups"
  | "DescribeContainerGroupStatus"
  | "DescribeContainerGroupEvents"
  | "DeleteContainerGroup"
  | "RestartContainerGroup"
  | "UpdateContainerGroup"
> = {
  CreateContainerGroup: createContainerGroup,

  DescribeContainerGroups(context, input) {
    const list = selectGroups(context, input);
    const { page, nextToken } = pageByToken(list, input.NextToken, input.Limit, 20);
    return {
      ContainerGroups: page.map((g) => renderGroup(context.world, g, input.WithEvent !== false)),
      NextToken: nextToken,
      TotalCount: list.length,
    };
  },

  DescribeContainerGroupStatus(context, input) {
    const since =
      input.SinceSecond !== undefined ? context.now - input.SinceSecond * 1000 : undefined;
    const list = selectGroups(context, input).filter(
      (g) => since === undefined || g.statusAt >= since,
    );
    const { page, nextToken } = pageByToken(list, input.NextToken, input.Limit, 20);
    return { Data: page.map(renderPodStatus), NextToken: nextToken, TotalCount: list.length };
  },

  DescribeContainerGroupEvents(context, input) {
    const since =
      input.SinceSecond !== undefined ? context.now - input.SinceSecond * 1000 : undefined;
    const source = input.EventSource;
    const list = selectGroups(context, input);
    const { page, nextToken: _ } = pageByToken(list, input.NextToken, input.Limit, 20);
    return {
      Data: page.map((g) =>
        renderPodEvents(
          g,
          g.events.filter(
            (e) =>
              (since === undefined || e.last >= since) &&
              (source === undefined ||
                (source === "EciService") === (e.component === "EciService")),
          ),
        ),
      ),
      TotalCount: list.length,
    };
  },

  DeleteContainerGroup(context, input) {
    const world = context.world;
    const group = context.world.eci.groups.find(context, input.ContainerGroupId);
    if (group.Status === "Restarting" || group.Status === "Updating") {
      throw incorrectStatus(
        `The container group ${group.ContainerGroupId} is ${group.Status}; try again when the operation is done.`,
      );
    }
    group.generation++;
    world.eci.groups.delete(group.ContainerGroupId);
    addVCpu(context, -group.Cpu);
    detachBackend(world, [group.ContainerGroupId, group.EniInstanceId]);
    unbindGroupEip(world, group);
    if (group.VSwitchId) releaseIp(world, group.VSwitchId, group.IntranetIp);
    return {};
  },

  RestartContainerGroup(context, input) {
    const group = context.world.eci.groups.find(context, input.ContainerGroupId);
    if (group.Status !== "Running") {
      throw incorrectStatus(
        `The container group ${group.ContainerGroupId} is ${group.Status}; only a Running group can be restarted.`,
      );
    }
    const present = presentImages(group);
    group.generation++;
    setStatus(context.world, group, "Restarting", context.now);
    stopContainers(group, context.now);
    relaunch(context, group, present, "RestartContainerGroup", "Restarting");
    return {};
  },

  UpdateContainerGroup(context, input) {
    const group = context.world.eci.groups.find(context, input.ContainerGroupId);
    if (group.Status !== "Running" && group.Status !== "Pending") {
      throw incorrectStatus(
        `The container group ${group.ContainerGroupId} is ${group.Status}; only Pending or Running groups can be updated.`,
      );
    }
    group.tags = mergeTags(group.tags, input.Tag);
    const restarts = [
      "Container",
      "InitContainer",
      "Cpu",
      "Memory",
      "RestartPolicy",
      "Volume",
      "DnsConfig",
      "ImageRegistryCredential",
      "AcrRegistryInfo",
    ].some((key) => (input as Record<string, unknown>)[key] !== undefined);
    if (!restarts) return {};
    const renew = (input.UpdateType ?? "RenewUpdate") === "RenewUpdate";
    // biome-ignore lint/suspicious/noExplicitAny: update container specs
    const merge = (current: typeof group.containers, given: any[] | undefined, prefix: string) => {
      if (!given) return current;
      const next = given.map((spec, i) => {
        const old = current.find((c) => c.name === spec.Name);
        return containerFrom(
          context,
          renew && !old ? spec : { ...old?.spec, ...spec, Image: spec.Image ?? old?.image },
          `${prefix}.${i + 1}`,
        );
      });
      return renew
        ? next
        : [...current.filter((c) => !next.some((n) => n.name === c.name)), ...next];
    };
    const containers = merge(group.containers, input.Container, "Container");
    const initContainers = merge(group.initContainers, input.InitContainer, "InitContainer");
    checkNames(containers, initContainers);
    const present = presentImages(group);
    group.generation++;
    setStatus(context.world, group, "Updating", context.now);
    stopContainers(group, context.now);
    group.containers = containers;
    group.initContainers = initContainers;
    if (input.Cpu !== undefined) {
      addVCpu(context, input.Cpu - group.Cpu);
      group.Cpu = input.Cpu;
    }
    if (input.Memory !== undefined) group.Memory = input.Memory;
    if (input.RestartPolicy !== undefined) group.RestartPolicy = input.RestartPolicy;
    if (input.DnsConfig !== undefined) group.input.DnsConfig = input.DnsConfig;
    if (input.Volume !== undefined) group.input.Volume = input.Volume;
    relaunch(context, group, present, "UpdateContainerGroup", "Updating");
    return {};
  },
};
