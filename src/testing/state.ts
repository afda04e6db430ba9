// The fake's world: every resource of the four products, as records the product models
// share (an SLB backend points at a container group, an SNAT entry at an EIP…).
import type { StartCommand } from "./images.js";

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

/** An ECI instance. */
export interface ContainerGroupRecord {
  id: string;
  name: string;
  regionId: string;
  zoneId: string;
  status: string;
  createdAt: number;
  statusAt: number;
  succeededAt?: number;
  failedAt?: number;
  vpcId: string;
  vSwitchId: string;
  securityGroupId: string;
  ip: string;
  eniId: string;
  /** EIP created with AutoCreateEip, released with the group */
  autoEipId?: string;
  cpu: number;
  memory: number;
  instanceType: string;
  restartPolicy: "Always" | "Never" | "OnFailure";
  containers: ContainerRecord[];
  initContainers: ContainerRecord[];
  events: EventRecord[];
  tags: TagRecord[];
  /** the image cache the group started from, when it hit one */
  imageCacheId?: string;
  resourceGroupId: string;
  // biome-ignore lint/suspicious/noExplicitAny: the create input, kept for fields shown as given
  input: Record<string, any>;
  /** bumped by restart, update and delete: work scheduled for an older generation is dropped */
  generation: number;
}

/** An image cache (a snapshot holding pulled images). */
export interface ImageCacheRecord {
  id: string;
  name: string;
  regionId: string;
  images: string[];
  status: "Preparing" | "Creating" | "Ready" | "Failed" | "Updating" | "UpdateFailed";
  createdAt: number;
  /** progress runs from 0 at `buildFrom` to 100 at `buildUntil` */
  buildFrom: number;
  buildUntil: number;
  events: EventRecord[];
  snapshotId: string;
  containerGroupId: string;
  size: number;
  retentionDays?: number;
  eliminationStrategy: string;
  tags: TagRecord[];
  resourceGroupId: string;
  lastMatchedAt?: number;
  vSwitchId?: string;
  eipInstanceId?: string;
  generation: number;
}

/** A VPC. */
export interface VpcRecord {
  id: string;
  regionId: string;
  name: string;
  description: string;
  cidr: string;
  userCidrs: string[];
  status: "Pending" | "Available";
  createdAt: number;
  vRouterId: string;
  routeTableId: string;
  resourceGroupId: string;
  tags: TagRecord[];
  enableIpv6: boolean;
}

/** A VSwitch (subnet of a VPC in one zone). */
export interface VSwitchRecord {
  id: string;
  vpcId: string;
  regionId: string;
  zoneId: string;
  cidr: string;
  name: string;
  description: string;
  status: "Pending" | "Available";
  createdAt: number;
  tags: TagRecord[];
  resourceGroupId: string;
  /** next host index to hand out */
  nextHost: number;
  /** addresses in use (container groups, NAT, SLB) */
  used: Set<string>;
}

/** A NAT gateway with its SNAT and DNAT (forward) tables. */
export interface NatGatewayRecord {
  id: string;
  regionId: string;
  vpcId: string;
  vSwitchId: string;
  name: string;
  description: string;
  status: "Creating" | "Available" | "Deleting";
  createdAt: number;
  snatTableId: string;
  forwardTableId: string;
  fullNatTableId: string;
  natType: string;
  networkType: string;
  eipBindMode: string;
  spec: string;
  privateIp: string;
  eniId: string;
  icmpReplyEnabled: boolean;
  resourceGroupId: string;
  tags: TagRecord[];
  // biome-ignore lint/suspicious/noExplicitAny: AccessMode as given
  accessMode?: Record<string, any>;
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
  id: string;
  regionId: string;
  ip: string;
  name: string;
  description: string;
  bandwidth: string;
  isp: string;
  internetChargeType: string;
  chargeType: string;
  netmode: string;
  status: "Associating" | "Unassociating" | "InUse" | "Available" | "Releasing";
  allocatedAt: number;
  instanceId: string;
  instanceType: EipInstanceType | "";
  instanceRegionId: string;
  mode: string;
  privateIpAddress: string;
  vpcId: string;
  resourceGroupId: string;
  tags: TagRecord[];
  securityProtectionTypes: string[];
  /** bumped by each (un)association, so a stale transition does nothing */
  generation: number;
}

/** A SNAT entry: traffic from a VSwitch or CIDR leaves through the NAT gateway's EIPs. */
export interface SnatEntryRecord {
  id: string;
  regionId: string;
  tableId: string;
  natGatewayId: string;
  snatIps: string[];
  sourceVSwitchId: string;
  sourceCidr: string;
  networkInterfaceId: string;
  name: string;
  eipAffinity: number;
  status: "Pending" | "Available" | "Deleting";
}

/** A DNAT (forward) entry: a port of an EIP forwarded to an address inside the VPC. */
export interface ForwardEntryRecord {
  id: string;
  regionId: string;
  tableId: string;
  natGatewayId: string;
  externalIp: string;
  externalPort: string;
  internalIp: string;
  internalPort: string;
  ipProtocol: string;
  name: string;
  status: "Pending" | "Available" | "Deleting";
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
  id: string;
  regionId: string;
  vpcId: string;
  name: string;
  description: string;
  type: "normal" | "enterprise";
  innerAccessPolicy: "Accept" | "Drop";
  createdAt: number;
  resourceGroupId: string;
  serviceManaged: boolean;
  tags: TagRecord[];
  rules: SecurityGroupRuleRecord[];
}

/** A backend server of a load balancer. */
export interface BackendRecord {
  serverId: string;
  type: "ecs" | "eni" | "eci";
  weight: number;
  serverIp: string;
  description: string;
  addedAt: number;
}

/** A listener of a load balancer. */
export interface ListenerRecord {
  port: number;
  protocol: "tcp" | "http";
  backendServerPort: number;
  status: "running" | "stopped" | "starting" | "configuring";
  startedAt?: number;
  healthCheck: "on" | "off";
  /** every other attribute, under its API name */
  // biome-ignore lint/suspicious/noExplicitAny: listener attributes as given
  config: Record<string, any>;
}

/** A classic load balancer (CLB). */
export interface LoadBalancerRecord {
  id: string;
  regionId: string;
  name: string;
  address: string;
  addressType: "internet" | "intranet";
  addressIPVersion: "ipv4" | "ipv6";
  networkType: "vpc" | "Classic";
  vpcId: string;
  vSwitchId: string;
  spec: string;
  status: "inactive" | "active" | "locked";
  createdAt: number;
  bandwidth: number;
  internetChargeType: "paybytraffic" | "paybybandwidth";
  instanceChargeType: "PayBySpec" | "PayByCLCU";
  payType: string;
  deleteProtection: "on" | "off";
  modificationProtectionStatus: "NonProtection" | "ConsoleProtection";
  modificationProtectionReason: string;
  masterZoneId: string;
  slaveZoneId: string;
  resourceGroupId: string;
  tags: TagRecord[];
  backends: BackendRecord[];
  listeners: ListenerRecord[];
}

/** Everything the fake holds, per product. */
export interface World {
  /** the account id resources belong to (OwnerId) */
  ownerId: number;
  /** the account's default resource group (`rg-acfm…`) */
  resourceGroupId: string;
  eci: { groups: Map<string, ContainerGroupRecord>; caches: Map<string, ImageCacheRecord> };
  vpc: {
    vpcs: Map<string, VpcRecord>;
    vSwitches: Map<string, VSwitchRecord>;
    natGateways: Map<string, NatGatewayRecord>;
    eips: Map<string, EipRecord>;
    snatEntries: Map<string, SnatEntryRecord>;
    forwardEntries: Map<string, ForwardEntryRecord>;
  };
  ecs: { securityGroups: Map<string, SecurityGroupRecord> };
  slb: { loadBalancers: Map<string, LoadBalancerRecord> };
}

/** An empty world. */
export function createWorld(ownerId: number, resourceGroupId: string): World {
  return {
    ownerId,
    resourceGroupId,
    eci: { groups: new Map(), caches: new Map() },
    vpc: {
      vpcs: new Map(),
      vSwitches: new Map(),
      natGateways: new Map(),
      eips: new Map(),
      snatEntries: new Map(),
      forwardEntries: new Map(),
    },
    ecs: { securityGroups: new Map() },
    slb: { loadBalancers: new Map() },
  };
}
