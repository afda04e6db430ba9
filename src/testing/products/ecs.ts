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
import { type ActionContext, type ActionTable, isoTime, mergeTags } from "./context.js";
import { tagged, where } from "./filter.js";
import { pageByNumber, pageByToken } from "./paging.js";
import { apiFields } from "./table.js";

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

const findSecurityGroup = (context: ActionContext, id: string) =>
  context.world.ecs.securityGroups.find(context, id);

const instancesIn = (world: World, group: SecurityGroupRecord) =>
  [...world.eci.groups.values()].filter((g) => g.SecurityGroupId === group.SecurityGroupId);

function renderGroup(world: World, group: SecurityGroupRecord): SecurityGroup {
  const { RegionId: _r, InnerAccessPolicy: _p, ...fields } = apiFields(group);
  const { tags, rules } = group;
  const count = instancesIn(world, group).length;
  return {
    ...fields,
    EcsCount: count,
    AvailableInstanceAmount: (group.SecurityGroupType === "enterprise" ? 65536 : 2000) - count,
    RuleCount: rules.length,
    GroupToGroupRuleCount: rules.filter((r) => r.fields.SourceGroupId || r.fields.DestGroupId)
      .length,
    Tags: { Tag: tags.map((t) => ({ TagKey: t.Key, TagValue: t.Value })) },
  };
}

function renderRule(world: World, rule: SecurityGroupRuleRecord): Rule {
  const f = rule.fields;
  const name = (id: string | undefined) =>
    id ? (world.ecs.securityGroups.get(id)?.SecurityGroupName ?? "") : "";
  // every rule field is shown, "" when the rule does not set it
  const given = Object.fromEntries(RULE_FIELDS.map((field) => [field, f[field] ?? ""]));
  return {
    SecurityGroupRuleId: rule.id,
    Direction: rule.direction,
    CreateTime: isoTime(rule.createdAt),
    ...(given as Rule),
    PortRangeListName: "",
    SourceGroupName: name(f.SourceGroupId),
    SourcePrefixListName: "",
    DestGroupName: name(f.DestGroupId),
    DestPrefixListName: "",
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
  // any case; some regions also take an IANA protocol number, kept as given
  if (
    !["TCP", "UDP", "ICMP", "ICMPV6", "GRE", "ALL"].includes(protocol) &&
    !/^(?:25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])$/.test(protocol)
  )
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
        `The security group ${group.SecurityGroupId} already has ${MAX_RULES} rules.`,
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
      // ECS spells this code its own way (VPC says InvalidVpcID)
      if (!vpc || vpc.RegionId !== context.regionId)
        throw notFound("InvalidVpcId.NotFound", `Specified VPC ${input.VpcId} does not exist.`);
    }
    const type = input.SecurityGroupType ?? "normal";
    const group = context.world.ecs.securityGroups.create(context, {
      VpcId: input.VpcId ?? "",
      SecurityGroupName: input.SecurityGroupName ?? "",
      Description: input.Description ?? "",
      SecurityGroupType: type,
      InnerAccessPolicy: type === "enterprise" ? "Drop" : "Accept",
      CreationTime: isoTime(context.now),
      ResourceGroupId: input.ResourceGroupId ?? context.world.resourceGroupId,
      ServiceManaged: input.ServiceManaged ?? false,
      tags: mergeTags([], input.Tag),
      rules: [],
    });
    return { SecurityGroupId: group.SecurityGroupId };
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
          `The specified rule ${id} does not exist in ${group.SecurityGroupId}.`,
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
        `The security group ${group.SecurityGroupId} is still used by instances.`,
      );
    }
    const id = group.SecurityGroupId;
    const referrer = [...world.ecs.securityGroups.values()].find(
      (g) =>
        g.SecurityGroupId !== id &&
        g.rules.some((r) => r.fields.SourceGroupId === id || r.fields.DestGroupId === id),
    );
    if (referrer)
      throw dependencyViolation(
        "DependencyViolation",
        `The security group ${id} is referenced by rules of ${referrer.SecurityGroupId}.`,
      );
    world.ecs.securityGroups.delete(id);
    return {};
  },

  ModifySecurityGroupPolicy(context, input) {
    const group = findSecurityGroup(context, input.SecurityGroupId);
    group.InnerAccessPolicy = input.InnerAccessPolicy;
    return {};
  },

  DescribeSecurityGroups(context, input) {
    const world = context.world;
    if (input.SecurityGroupIds && !Array.isArray(input.SecurityGroupIds)) {
      throw invalidParameter("SecurityGroupIds", 'must be a JSON list such as ["sg-…"]');
    }
    const list = world.ecs.securityGroups.inRegion(context).filter(
      where(
        input,
        ["SecurityGroupId", "VpcId", "SecurityGroupType", "ResourceGroupId", "ServiceManaged"],
        {
          SecurityGroupIds: (g, ids) => !ids.length || ids.includes(g.SecurityGroupId),
          SecurityGroupName: (g, name) =>
            input.FuzzyQuery ? g.SecurityGroupName.includes(name) : g.SecurityGroupName === name,
          NetworkType: (g, type) => (type === "vpc") === Boolean(g.VpcId),
          Tag: tagged,
        },
      ),
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
    const { RegionId, SecurityGroupId, SecurityGroupName, Description, VpcId } = group;
    return {
      RegionId,
      SecurityGroupId,
      SecurityGroupName,
      Description,
      VpcId,
      InnerAccessPolicy: group.InnerAccessPolicy,
      NextToken: nextToken,
      Permissions: { Permission: page.map((r) => renderRule(context.world, r)) },
      ...(input.Attribute === "snapshotPolicyIds"
        ? { SnapshotPolicyIds: { SnapshotPolicyId: [] } }
        : {}),
    };
  },
};
