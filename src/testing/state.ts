// The fake's world: every resource of the products, as records the product models
// share (an SLB backend points at a container group, an SNAT entry at an EIP…). A record keeps
// what the API shows under the API's own PascalCase names, so Describe actions mostly show it
// as it is (see `apiFields`); camelCase fields are the fake's own bookkeeping. Each resource
// lives in a Table that knows its id field, id prefix and NotFound code.
import type { StartCommand } from "./images.js";
import { Table } from "./products/table.js";
import { DEFAULT_ECI_QUOTAS, type EciQuotas } from "./quotas.js";

/** A key/value tag as the APIs take it. */
export interface TagRecord {
  Key: string;
  Value: string;
}

/** One event, aggregated like Kubernetes does (same reason and message: count + 1). */
export interface EventRecord {
  reason: string;
  message: string;
  type: "Normal" | "Warning";
  first: number;
  last: number;
  count: number;
  /** which part reported it: `kubelet`, `EciService`… */
  component: string;
}

/** The state of one container. */
export interface ContainerState {
  state: "Waiting" | "Running" | "Terminated";
  reason?: string;
  message?: string;
  detail?: string;
  startTime?: number;
  finishTime?: number;
  exitCode?: number;
}

/** One container of a group, as created, with what it is doing. */
export interface ContainerRecord {
  name: string;
  image: string;
  pullPolicy: "Always" | "IfNotPresent" | "Never";
  cpu: number;
  memory: number;
  gpu: number;
  ports: { Port: number; Protocol: string }[];
  env: { Key: string; Value: string }[];
  start: StartCommand;
  stdin: boolean;
  stdinOnce: boolean;
  tty: boolean;
  // biome-ignore lint/suspicious/noExplicitAny: passed through from the input shape
  spec: Record<string, any>;
  state: ContainerState;
  previous?: ContainerState;
  ready: boolean;
  restartCount: number;
  /** started (or failed to start) since the group was last started, restarted or updated */
  launched: boolean;
  /** log lines of the current run, with the time they were written */
  log: { at: number; line: string }[];
  /** log lines of the previous run (`LastTime: true`) */
  previousLog: { at: number; line: string }[];
}

/** An ECI instance: the API's fields (DescribeContainerGroups), then what the fake keeps besides. */
export interface ContainerGroupRecord {
  ContainerGroupId: string;
  RegionId: string;
  ContainerGroupName: string;
  ZoneId: string;
  Status: string;
  VpcId: string;
  VSwitchId: string;
  SecurityGroupId: string;
  IntranetIp: string;
  EniInstanceId: string;
  Cpu: number;
  Memory: number;
  InstanceType: string;
  RestartPolicy: "Always" | "Never" | "OnFailure";
  ResourceGroupId: string;
  createdAt: number;
  statusAt: number;
  succeededAt?: number;
  failedAt?: number;
  /** EIP created with AutoCreateEip, released with the group */
  autoEipId?: string;
  containers: ContainerRecord[];
  initContainers: ContainerRecord[];
  events: EventRecord[];
  tags: TagRecord[];
  /** the image cache the group started from, when it hit one */
  imageCacheId?: string;
  // biome-ignore lint/suspicious/noExplicitAny: the create input, kept for fields shown as given
  input: Record<string, any>;
  /** bumped by restart, update and delete: work scheduled for an older generation is dropped */
  generation: number;
}

/** An image cache (a snapshot holding pulled images). */
export interface ImageCacheRecord {
  ImageCacheId: string;
  RegionId: string;
  ImageCacheName: string;
  Images: string[];
  Status: "Preparing" | "Creating" | "Ready" | "Failed" | "Updating" | "UpdateFailed";
  SnapshotId: string;
  ContainerGroupId: string;
  ImageCacheSize: number;
  EliminationStrategy: string;
  ResourceGroupId: string;
  createdAt: number;
  /** progress runs from 0 at `buildFrom` to 100 at `buildUntil` */
  buildFrom: number;
  buildUntil: number;
  events: EventRecord[];
  retentionDays?: number;
  tags: TagRecord[];
  lastMatchedAt?: number;
  vSwitchId?: string;
  eipInstanceId?: string;
  /** the registries it was given credentials for (ImageRegistryCredential.N.Server) */
  registryServers?: string[];
  generation: number;
}

/** A VPC: the API's fields (DescribeVpcs), then what the fake keeps besides. */
export interface VpcRecord {
  VpcId: string;
  RegionId: string;
  VpcName: string;
  Description: string;
  CidrBlock: string;
  Status: "Pending" | "Available";
  CreationTime: string;
  VRouterId: string;
  ResourceGroupId: string;
  EnabledIpv6: boolean;
  userCidrs: string[];
  routeTableId: string;
  tags: TagRecord[];
}

/** A VSwitch (subnet of a VPC in one zone). */
export interface VSwitchRecord {
  VSwitchId: string;
  RegionId: string;
  VpcId: string;
  ZoneId: string;
  CidrBlock: string;
  VSwitchName: string;
  Description: string;
  Status: "Pending" | "Available";
  CreationTime: string;
  ResourceGroupId: string;
  tags: TagRecord[];
  /** next host index to hand out */
  nextHost: number;
  /** addresses in use (container groups, NAT, SLB) */
  used: Set<string>;
}

/** A NAT gateway with its SNAT and DNAT (forward) tables. */
export interface NatGatewayRecord {
  NatGatewayId: string;
  RegionId: string;
  VpcId: string;
  Name: string;
  Description: string;
  Status: "Creating" | "Available" | "Deleting";
  CreationTime: string;
  NatType: string;
  NetworkType: "internet" | "intranet";
  EipBindMode: string;
  Spec: string;
  IcmpReplyEnabled: boolean;
  ResourceGroupId: string;
  // biome-ignore lint/suspicious/noExplicitAny: AccessMode as given
  AccessMode?: Record<string, any>;
  vSwitchId: string;
  snatTableId: string;
  forwardTableId: string;
  fullNatTableId: string;
  privateIp: string;
  eniId: string;
  tags: TagRecord[];
}

/** What an EIP can be bound to. */
export type EipInstanceType =
  | "Nat"
  | "SlbInstance"
  | "EcsInstance"
  | "NetworkInterface"
  | "HaVip"
  | "IpAddress";

/** An elastic IP address. */
export interface EipRecord {
  AllocationId: string;
  RegionId: string;
  IpAddress: string;
  Name: string;
  Description: string;
  Bandwidth: string;
  ISP: string;
  InternetChargeType: string;
  ChargeType: string;
  Netmode: string;
  Status: "Associating" | "Unassociating" | "InUse" | "Available" | "Releasing";
  AllocationTime: string;
  InstanceId: string;
  InstanceType: EipInstanceType | "";
  InstanceRegionId: string;
  Mode: string;
  PrivateIpAddress: string;
  VpcId: string;
  ResourceGroupId: string;
  tags: TagRecord[];
  securityProtectionTypes: string[];
  /** bumped by each (un)association, so a stale transition does nothing */
  generation: number;
}

/** A SNAT entry: traffic from a VSwitch or CIDR leaves through the NAT gateway's EIPs. */
export interface SnatEntryRecord {
  SnatEntryId: string;
  RegionId: string;
  SnatTableId: string;
  NatGatewayId: string;
  /** the EIP addresses, comma-separated */
  SnatIp: string;
  SourceVSwitchId: string;
  /** as given (DescribeSnatTableEntries shows the VSwitch's CIDR when empty) */
  SourceCIDR: string;
  NetworkInterfaceId: string;
  SnatEntryName: string;
  EipAffinity: string;
  Status: "Pending" | "Available" | "Deleting";
}

/** A DNAT (forward) entry: a port of an EIP forwarded to an address inside the VPC. */
export interface ForwardEntryRecord {
  ForwardEntryId: string;
  RegionId: string;
  ForwardTableId: string;
  NatGatewayId: string;
  ExternalIp: string;
  ExternalPort: string;
  InternalIp: string;
  InternalPort: string;
  IpProtocol: string;
  ForwardEntryName: string;
  Status: "Pending" | "Available" | "Deleting";
}

/** One rule of a security group. */
export interface SecurityGroupRuleRecord {
  id: string;
  direction: "ingress" | "egress";
  createdAt: number;
  /** the permission's fields as the API reports them (Policy, IpProtocol, PortRange…) */
  fields: Record<string, string>;
}

/** An ECS security group. */
export interface SecurityGroupRecord {
  SecurityGroupId: string;
  RegionId: string;
  VpcId: string;
  SecurityGroupName: string;
  Description: string;
  SecurityGroupType: "normal" | "enterprise";
  InnerAccessPolicy: "Accept" | "Drop";
  CreationTime: string;
  ResourceGroupId: string;
  ServiceManaged: boolean;
  tags: TagRecord[];
  rules: SecurityGroupRuleRecord[];
}

/** A backend server of a load balancer. */
export interface BackendRecord {
  ServerId: string;
  Type: "ecs" | "eni" | "eci";
  Weight: number;
  ServerIp: string;
  Description: string;
  addedAt: number;
}

/** A listener of a load balancer. */
export interface ListenerRecord {
  ListenerPort: number;
  ListenerProtocol: "tcp" | "http";
  BackendServerPort: number;
  Status: "running" | "stopped" | "starting" | "configuring";
  HealthCheck: "on" | "off";
  startedAt?: number;
  /** every other attribute, under its API name */
  // biome-ignore lint/suspicious/noExplicitAny: listener attributes as given
  config: Record<string, any>;
}

/** A classic load balancer (CLB). */
export interface LoadBalancerRecord {
  LoadBalancerId: string;
  RegionId: string;
  LoadBalancerName: string;
  Address: string;
  AddressType: "internet" | "intranet";
  AddressIPVersion: "ipv4" | "ipv6";
  NetworkType: "vpc" | "Classic";
  VpcId: string;
  VSwitchId: string;
  LoadBalancerSpec: string;
  LoadBalancerStatus: "inactive" | "active" | "locked";
  CreateTimeStamp: number;
  Bandwidth: number;
  InternetChargeType: "paybytraffic" | "paybybandwidth";
  InstanceChargeType: "PayBySpec" | "PayByCLCU";
  PayType: string;
  DeleteProtection: "on" | "off";
  ModificationProtectionStatus: "NonProtection" | "ConsoleProtection";
  ModificationProtectionReason: string;
  MasterZoneId: string;
  SlaveZoneId: string;
  ResourceGroupId: string;
  tags: TagRecord[];
  backends: BackendRecord[];
  listeners: ListenerRecord[];
}

/** RAM is account-wide: its records live in this pseudo-region of the resource kit's tables. */
export const GLOBAL = "global";

/** A RAM role STS can hand out credentials for. */
export interface RoleRecord {
  RoleId: string;
  RegionId: string;
  RoleName: string;
  Arn: string;
  /** the trust policy (JSON text): who may take the role */
  AssumeRolePolicyDocument: string;
  /** longest session in seconds (3600–43200) */
  MaxSessionDuration: number;
}

/** An OIDC identity provider registered in RAM (an ACK cluster's RRSA issuer). */
export interface OidcProviderRecord {
  OIDCProviderId: string;
  RegionId: string;
  OIDCProviderName: string;
  Arn: string;
  IssuerUrl: string;
  /** audiences (`aud`) it accepts */
  ClientIds: string[];
}

/** Who a temporary key issued by the fake's STS acts as. */
export interface RoleSession {
  role: RoleRecord;
  sessionName: string;
  sourceIdentity?: string;
}

/** Everything the fake holds, per product. */
export interface World {
  /** the account id resources belong to (OwnerId) */
  ownerId: number;
  /** the account's default resource group (`rg-acfm…`) */
  resourceGroupId: string;
  /** ECI quotas per region (ListUsage) */
  quotas: EciQuotas;
  eci: {
    groups: Table<ContainerGroupRecord, "ContainerGroupId">;
    caches: Table<ImageCacheRecord, "ImageCacheId">;
    /** vCPUs of the groups per region, kept by create, update and delete (the vCPU quota) */
    vCpu: Map<string, number>;
  };
  vpc: {
    vpcs: Table<VpcRecord, "VpcId">;
    vSwitches: Table<VSwitchRecord, "VSwitchId">;
    natGateways: Table<NatGatewayRecord, "NatGatewayId">;
    eips: Table<EipRecord, "AllocationId">;
    snatEntries: Table<SnatEntryRecord, "SnatEntryId">;
    forwardEntries: Table<ForwardEntryRecord, "ForwardEntryId">;
  };
  ecs: { securityGroups: Table<SecurityGroupRecord, "SecurityGroupId"> };
  slb: { loadBalancers: Table<LoadBalancerRecord, "LoadBalancerId"> };
  sts: {
    roles: Table<RoleRecord, "RoleId">;
    oidcProviders: Table<OidcProviderRecord, "OIDCProviderId">;
    /** role sessions, by the temporary AccessKey ID issued for them */
    sessions: Map<string, RoleSession>;
  };
}

/** An empty world. */
export function createWorld(
  ownerId: number,
  resourceGroupId: string,
  quotas: Partial<EciQuotas> = {},
): World {
  return {
    ownerId,
    resourceGroupId,
    quotas: { ...DEFAULT_ECI_QUOTAS, ...quotas },
    eci: {
      groups: new Table({
        id: "ContainerGroupId",
        prefix: "eci",
        code: "InvalidParameter.NotFound",
        message: (id) => `The specified container group ${id} does not exist.`,
      }),
      caches: new Table({
        id: "ImageCacheId",
        prefix: "imc",
        code: "InvalidParameter.NotFound",
        message: (id) => `The specified image cache ${id} does not exist.`,
      }),
      vCpu: new Map(),
    },
    vpc: {
      vpcs: new Table({
        id: "VpcId",
        prefix: "vpc",
        code: "InvalidVpcID.NotFound",
        message: (id) => `Specified VPC ${id} does not exist.`,
      }),
      vSwitches: new Table({
        id: "VSwitchId",
        prefix: "vsw",
        code: "InvalidVSwitchId.NotFound",
        message: (id) => `Specified VSwitch ${id} does not exist.`,
      }),
      natGateways: new Table({
        id: "NatGatewayId",
        prefix: "ngw",
        code: "InvalidNatGatewayId.NotFound",
        message: (id) => `Specified NAT gateway ${id} does not exist.`,
      }),
      eips: new Table({
        id: "AllocationId",
        prefix: "eip",
        code: "InvalidAllocationId.NotFound",
        message: (id) => `Specified allocation ID ${id} does not exist.`,
      }),
      snatEntries: new Table({
        id: "SnatEntryId",
        prefix: "snat",
        code: "InvalidSnatEntryId.NotFound",
        message: (id) => `Specified SNAT entry ${id} does not exist.`,
      }),
      forwardEntries: new Table({
        id: "ForwardEntryId",
        prefix: "fwd",
        code: "InvalidForwardEntryId.NotFound",
        message: (id) => `Specified DNAT entry ${id} does not exist.`,
      }),
    },
    ecs: {
      securityGroups: new Table({
        id: "SecurityGroupId",
        prefix: "sg",
        code: "InvalidSecurityGroupId.NotFound",
        message: (id) => `The specified security group ${id} does not exist.`,
      }),
    },
    slb: {
      loadBalancers: new Table({
        id: "LoadBalancerId",
        prefix: "lb",
        code: "InvalidLoadBalancerId.NotFound",
        message: (id) => `The specified load balancer ${id} does not exist.`,
      }),
    },
    sts: {
      roles: new Table({
        id: "RoleId",
        prefix: "role",
        code: "EntityNotExist.Role",
        message: (id) => `The role ${id} does not exist.`,
      }),
      oidcProviders: new Table({
        id: "OIDCProviderId",
        prefix: "oidc",
        code: "EntityNotExist.OIDCProvider",
        message: (id) => `The OIDC provider ${id} does not exist.`,
      }),
      sessions: new Map(),
    },
  };
}
