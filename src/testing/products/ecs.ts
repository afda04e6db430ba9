// The ECS product, security groups only: every action of spec/ecs.yaml. Rules are kept
// per direction; the same rule twice is stored once, as ECS does.
import type { components, operations } from "../../../generated/ecs.js";
import {
  dependencyViolation,
  FakeApiError,
  invalidParameter,
  missingParameter,
  notFound,
} from "../errors.js";
import type { SecurityGroupRecord, SecurityGroupRuleRecord, World } from "../state.js";
import {
  type ActionContext,
  type ActionTable,
  hasTags,
  inRegion,
  isoTime,
  mergeTags,
  pageByNumber,
  pageByToken,
} from "./context.js";

type SecurityGroup = components["schemas"]["SecurityGroup"];
type Rule = components["schemas"]["SecurityGroupRule"];
// biome-ignore lint/suspicious/noExplicitAny: ingress and egress permission inputs share these fields
type Permission = Record<string, any>;

const RULE_FIELDS = [
  "Policy",
  "Priority",
  "IpProtocol",
  "PortRange",
  "SourcePortRange",
  "PortRangeListId",
  "SourceCidrIp",
  "Ipv6SourceCidrIp",
  "SourceGroupId",
  "SourceGroupOwnerAccount",
  "SourcePrefixListId",
  "DestCidrIp",
  "Ipv6DestCidrIp",
  "DestGroupId",
  "DestGroupOwnerAccount",
  "DestPrefixListId",
  "NicType",
  "Description",
] as const;
const IDENTITY = RULE_FIELDS.filter((f) => f !== "Description");
const MAX_RULES = 200;

function findSecurityGroup(context: ActionContext, id: string): SecurityGroupRecord {
  const group = context.world.ecs.securityGroups.get(id);
  if (!group || group.regionId !== context.regionId) {
    throw notFound(
      "InvalidSecurityGroupId.NotFound",
      `The specified security group ${id} does not exist.`,
    );
  }
  return group;
}

const instancesIn = (world: World, group: SecurityGroupRecord) =>
  [...world.eci.groups.values()].filter((g) => g.securityGroupId === group.id);

function renderGroup(world: World, group: SecurityGroupRecord): SecurityGroup {
  const count = instancesIn(world, group).length;
  return {
    SecurityGroupId: group.id,
    SecurityGroupName: group.name,
    Description: group.description,
    SecurityGroupType: group.type,
    VpcId: group.vpcId,
    ResourceGroupId: group.resourceGroupId,
    CreationTime: isoTime(group.createdAt),
    EcsCount: count,
    AvailableInstanceAmount: (group.type === "enterprise" ? 65536 : 2000) - count,
    RuleCount: group.rules.length,
    GroupToGroupRuleCount: group.rules.filter((r) => r.fields.SourceGroupId || r.fields.DestGroupId)
      .length,
    ServiceManaged: group.serviceManaged,
    Tags: { Tag: group.tags.map((t) => ({ TagKey: t.Key, TagValue: t.Value })) },
  };
}

function renderRule(world: World, rule: SecurityGroupRuleRecord): Rule {
  const f = rule.fields;
  const name = (id: string | undefined) =>
    id ? (world.ecs.securityGroups.get(id)?.name ?? "") : "";
  return {
    SecurityGroupRuleId: rule.id,
    Direction: rule.direction,
    CreateTime: isoTime(rule.createdAt),
    Policy: f.Policy,
    Priority: f.Priority,
    IpProtocol: f.IpProtocol,
    PortRange: f.PortRange,
    SourcePortRange: f.SourcePortRange ?? "",
    PortRangeListId: f.PortRangeListId ?? "",
    PortRangeListName: "",
    SourceCidrIp: f.SourceCidrIp ?? "",
    Ipv6SourceCidrIp: f.Ipv6SourceCidrIp ?? "",
    SourceGroupId: f.SourceGroupId ?? "",
    SourceGroupName: name(f.SourceGroupId),
    SourceGroupOwnerAccount: f.SourceGroupOwnerAccount ?? "",
    SourcePrefixListId: f.SourcePrefixListId ?? "",
    SourcePrefixListName: "",
    DestCidrIp: f.DestCidrIp ?? "",
    Ipv6DestCidrIp: f.Ipv6DestCidrIp ?? "",
    DestGroupId: f.DestGroupId ?? "",
    DestGroupName: name(f.DestGroupId),
    DestGroupOwnerAccount: f.DestGroupOwnerAccount ?? "",
    DestPrefixListId: f.DestPrefixListId ?? "",
    DestPrefixListName: "",
    NicType: f.NicType,
    Description: f.Description ?? "",
  };
}

/** The permissions of a call: the `Permissions` list, or the one rule spelled out in flat fields. */
function permissionsOf(input: Permission): { permission: Permission; prefix: string }[] {
  if (Array.isArray(input.Permissions) && input.Permissions.length > 0) {
    return input.Permissions.map((permission: Permission, i: number) => ({
      permission,
      prefix: `Permissions.${i + 1}.`,
    }));
  }
  const flat: Permission = {};
  for (const field of RULE_FIELDS) if (input[field] !== undefined) flat[field] = input[field];
  return Object.keys(flat).length ? [{ permission: flat, prefix: "" }] : [];
}

/** A permission with ECS's defaults, checked: protocol, ports, a source (ingress) or destination (egress). */
function normalise(
  context: ActionContext,
  permission: Permission,
  prefix: string,
  direction: "ingress" | "egress",
): Record<string, string> {
  const protocol = String(permission.IpProtocol ?? "").toUpperCase();
  if (!protocol) throw missingParameter(`${prefix}IpProtocol`);
  if (!["TCP", "UDP", "ICMP", "ICMPV6", "GRE", "ALL"].includes(protocol))
    throw invalidParameter(`${prefix}IpProtocol`, `unknown protocol ${permission.IpProtocol}`);
  const ports =
    permission.PortRange ?? (protocol === "TCP" || protocol === "UDP" ? undefined : "-1/-1");
  if (ports === undefined) throw missingParameter(`${prefix}PortRange`);
  if ((protocol === "TCP" || protocol === "UDP") && ports === "-1/-1")
    throw invalidParameter(`${prefix}PortRange`, `${protocol} needs a port range such as 80/80`);
  const [from, to] = String(ports).split("/").map(Number);
  if (from !== undefined && to !== undefined && from > to)
    throw invalidParameter(`${prefix}PortRange`, `${ports} starts after it ends`);
  const side =
    direction === "ingress"
      ? ["SourceCidrIp", "Ipv6SourceCidrIp", "SourceGroupId", "SourcePrefixListId"]
      : ["DestCidrIp", "Ipv6DestCidrIp", "DestGroupId", "DestPrefixListId"];
  if (!side.some((field) => permission[field])) throw missingParameter(`${prefix}${side[0]}`);
  for (const field of ["SourceGroupId", "DestGroupId"])
    if (permission[field]) findSecurityGroup(context, permission[field]);
  const fields: Record<string, string> = {};
  for (const field of RULE_FIELDS)
    if (permission[field] !== undefined && permission[field] !== "")
      fields[field] = String(permission[field]);
  const policy = String(permission.Policy ?? "accept").toLowerCase();
  fields.Policy = policy === "drop" ? "Drop" : "Accept";
  fields.Priority = String(permission.Priority ?? "1");
  fields.IpProtocol = protocol === "ICMPV6" ? "ICMPv6" : protocol;
  fields.PortRange = String(ports);
  fields.NicType = permission.NicType ?? "intranet";
  return fields;
}

const sameRule = (a: Record<string, string>, b: Record<string, string>) =>
  IDENTITY.every((f) => (a[f] ?? "") === (b[f] ?? ""));

function authorize(
  context: ActionContext,
  input: Permission,
  direction: "ingress" | "egress",
): Record<string, never> {
  const group = findSecurityGroup(context, input.SecurityGroupId);
  const permissions = permissionsOf(input);
  if (permissions.length === 0) throw missingParameter("Permissions.1.IpProtocol");
  const rules = permissions.map(({ permission, prefix }) =>
    normalise(context, permission, prefix, direction),
  );
  for (const fields of rules) {
    if (group.rules.some((r) => r.direction === direction && sameRule(r.fields, fields))) continue;
    if (group.rules.length >= MAX_RULES) {
      throw new FakeApiError(
        "AuthorizationLimitExceed",
        `The security group ${group.id} already has ${MAX_RULES} rules.`,
      );
    }
    group.rules.push({
      id: context.ids.id("sgr", context.regionId),
      direction,
      createdAt: context.now,
      fields,
    });
  }
  return {};
}

/** Handlers of the 8 ECS security group actions. */
export const ecsActions: ActionTable<operations> = {
  CreateSecurityGroup(context, input) {
    if (input.VpcId) {
      const vpc = context.world.vpc.vpcs.get(input.VpcId);
      if (!vpc || vpc.regionId !== context.regionId)
        throw notFound("InvalidVpcId.NotFound", `Specified VPC ${input.VpcId} does not exist.`);
    }
    const type = input.SecurityGroupType ?? "normal";
    const group: SecurityGroupRecord = {
      id: context.ids.id("sg", context.regionId),
      regionId: context.regionId,
      vpcId: input.VpcId ?? "",
      name: input.SecurityGroupName ?? "",
      description: input.Description ?? "",
      type,
      innerAccessPolicy: type === "enterprise" ? "Drop" : "Accept",
      createdAt: context.now,
      resourceGroupId: input.ResourceGroupId ?? context.world.resourceGroupId,
      serviceManaged: input.ServiceManaged ?? false,
      tags: mergeTags([], input.Tag),
      rules: [],
    };
    context.world.ecs.securityGroups.set(group.id, group);
    return { SecurityGroupId: group.id };
  },

  AuthorizeSecurityGroup: (context, input) => authorize(context, input, "ingress"),
  AuthorizeSecurityGroupEgress: (context, input) => authorize(context, input, "egress"),

  RevokeSecurityGroup(context, input) {
    const group = findSecurityGroup(context, input.SecurityGroupId);
    const ingress = group.rules.filter((r) => r.direction === "ingress");
    for (const id of input.SecurityGroupRuleId ?? []) {
      if (!ingress.some((r) => r.id === id)) {
        throw notFound(
          "InvalidSecurityGroupRuleId.NotFound",
          `The specified rule ${id} does not exist in ${group.id}.`,
        );
      }
    }
    const ids = new Set(input.SecurityGroupRuleId ?? []);
    const revoked = permissionsOf(input).map(({ permission, prefix }) =>
      normalise(context, permission, prefix, "ingress"),
    );
    group.rules = group.rules.filter(
      (r) =>
        r.direction !== "ingress" ||
        !(ids.has(r.id) || revoked.some((fields) => sameRule(r.fields, fields))),
    );
    return {};
  },

  DeleteSecurityGroup(context, input) {
    const world = context.world;
    const group = findSecurityGroup(context, input.SecurityGroupId);
    if (instancesIn(world, group).length) {
      throw dependencyViolation(
        "DependencyViolation",
        `The security group ${group.id} is still used by instances.`,
      );
    }
    const referrer = [...world.ecs.securityGroups.values()].find(
      (g) =>
        g.id !== group.id &&
        g.rules.some(
          (r) => r.fields.SourceGroupId === group.id || r.fields.DestGroupId === group.id,
        ),
    );
    if (referrer)
      throw dependencyViolation(
        "DependencyViolation",
        `The security group ${group.id} is referenced by rules of ${referrer.id}.`,
      );
    world.ecs.securityGroups.delete(group.id);
    return {};
  },

  ModifySecurityGroupPolicy(context, input) {
    const group = findSecurityGroup(context, input.SecurityGroupId);
    group.innerAccessPolicy = input.InnerAccessPolicy;
    return {};
  },

  DescribeSecurityGroups(context, input) {
    const world = context.world;
    if (input.SecurityGroupIds && !Array.isArray(input.SecurityGroupIds)) {
      throw invalidParameter("SecurityGroupIds", 'must be a JSON list such as ["sg-…"]');
    }
    const list = inRegion(context, world.ecs.securityGroups.values()).filter(
      (g) =>
        (input.SecurityGroupId === undefined || g.id === input.SecurityGroupId) &&
        (!input.SecurityGroupIds?.length || input.SecurityGroupIds.includes(g.id)) &&
        (input.SecurityGroupName === undefined ||
          (input.FuzzyQuery
            ? g.name.includes(input.SecurityGroupName)
            : g.name === input.SecurityGroupName)) &&
        (input.VpcId === undefined || g.vpcId === input.VpcId) &&
        (input.SecurityGroupType === undefined || g.type === input.SecurityGroupType) &&
        (input.NetworkType === undefined || (input.NetworkType === "vpc") === Boolean(g.vpcId)) &&
        (input.ResourceGroupId === undefined || g.resourceGroupId === input.ResourceGroupId) &&
        (input.ServiceManaged === undefined || g.serviceManaged === input.ServiceManaged) &&
        hasTags(g.tags, input.Tag),
    );
    const render = (g: SecurityGroupRecord) => renderGroup(world, g);
    if (input.NextToken !== undefined || input.MaxResults !== undefined) {
      const { page, nextToken } = pageByToken(list, input.NextToken, input.MaxResults, 10);
      return {
        RegionId: context.regionId,
        NextToken: nextToken,
        TotalCount: list.length,
        SecurityGroups: { SecurityGroup: page.map(render) },
      };
    }
    const { page, ...paging } = pageByNumber(list, input);
    return {
      RegionId: context.regionId,
      NextToken: "",
      ...paging,
      SecurityGroups: { SecurityGroup: page.map(render) },
    };
  },

  DescribeSecurityGroupAttribute(context, input) {
    const group = findSecurityGroup(context, input.SecurityGroupId);
    const direction = input.Direction ?? "all";
    const rules = group.rules.filter(
      (r) =>
        (direction === "all" || r.direction === direction) &&
        (input.NicType === undefined || r.fields.NicType === input.NicType),
    );
    const paged = input.MaxResults !== undefined || input.NextToken !== undefined;
    const { page, nextToken } = paged
      ? pageByToken(rules, input.NextToken, input.MaxResults, 100)
      : { page: rules, nextToken: "" };
    return {
      RegionId: group.regionId,
      SecurityGroupId: group.id,
      SecurityGroupName: group.name,
      Description: group.description,
      VpcId: group.vpcId,
      InnerAccessPolicy: group.innerAccessPolicy,
      NextToken: nextToken,
      Permissions: { Permission: page.map((r) => renderRule(context.world, r)) },
      ...(input.Attribute === "snapshotPolicyIds"
        ? { SnapshotPolicyIds: { SnapshotPolicyId: [] } }
        : {}),
    };
  },
};
