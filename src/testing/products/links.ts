// Where products meet: addresses in VSwitches, EIPs on container groups, SLB backends that
// follow the groups they point at, and whether a group can reach the internet.
import { FakeApiError, notFound } from "../errors.js";
import { cidrContains, ipInCidr, nthAddress, parseCidr, parseIp, usableAddresses } from "../net.js";
import type { ContainerGroupRecord, EipRecord, VpcRecord, VSwitchRecord, World } from "../state.js";
import type { ActionContext } from "./context.js";

/** The VPC of the call's region, or `InvalidVpcID.NotFound`. */
export function findVpc(context: ActionContext, vpcId: string): VpcRecord {
  const vpc = context.world.vpc.vpcs.get(vpcId);
  if (!vpc || vpc.regionId !== context.regionId) {
    throw notFound("InvalidVpcID.NotFound", `Specified VPC ${vpcId} does not exist.`);
  }
  return vpc;
}

/** The VSwitch of the call's region, or `InvalidVSwitchId.NotFound`. */
export function findVSwitch(context: ActionContext, vSwitchId: string): VSwitchRecord {
  const vSwitch = context.world.vpc.vSwitches.get(vSwitchId);
  if (!vSwitch || vSwitch.regionId !== context.regionId) {
    throw notFound("InvalidVSwitchId.NotFound", `Specified VSwitch ${vSwitchId} does not exist.`);
  }
  return vSwitch;
}

/** Hands out the next free address of a VSwitch. */
export function allocateIp(vSwitch: VSwitchRecord): string {
  const cidr = parseCidr(vSwitch.cidr);
  if (cidr) {
    for (let n = vSwitch.nextHost; n < usableAddresses(cidr); n++) {
      const ip = nthAddress(cidr, n) as string;
      if (!vSwitch.used.has(ip)) {
        vSwitch.used.add(ip);
        vSwitch.nextHost = n + 1;
        return ip;
      }
    }
  }
  throw new FakeApiError(
    "InvalidVSwitchId.IpNotEnough",
    `The VSwitch ${vSwitch.id} has no free IP address left.`,
  );
}

/** Takes a given address in a VSwitch (a fixed private IP). */
export function reserveIp(vSwitch: VSwitchRecord, ip: string, parameter: string): string {
  const cidr = parseCidr(vSwitch.cidr);
  const address = parseIp(ip);
  if (!cidr || address === undefined || !ipInCidr(address, cidr)) {
    throw new FakeApiError(
      "InvalidParameter",
      `The specified parameter "${parameter}" is not valid: ${ip} is not in the VSwitch CIDR block ${vSwitch.cidr}.`,
    );
  }
  if (vSwitch.used.has(ip))
    throw new FakeApiError(
      "InvalidIpAddress.AlreadyUsed",
      `The IP address ${ip} is already in use.`,
    );
  vSwitch.used.add(ip);
  return ip;
}

/** Gives an address back to its VSwitch. */
export function releaseIp(world: World, vSwitchId: string, ip: string): void {
  world.vpc.vSwitches.get(vSwitchId)?.used.delete(ip);
}

/** The container group that owns an ENI (`eni-…`), if any. */
export function groupByEni(world: World, eniId: string): ContainerGroupRecord | undefined {
  for (const group of world.eci.groups.values()) if (group.eniId === eniId) return group;
  return undefined;
}

/** The EIP bound (or being bound) to an instance. */
export function eipOf(world: World, instanceId: string): EipRecord | undefined {
  for (const eip of world.vpc.eips.values()) {
    if (eip.instanceId === instanceId && eip.status !== "Available") return eip;
  }
  return undefined;
}

/** Binds an EIP to a container group's ENI (CreateContainerGroup with EipInstanceId or AutoCreateEip). */
export function bindEipToGroup(
  context: ActionContext,
  eip: EipRecord,
  group: ContainerGroupRecord,
): void {
  if (eip.status !== "Available") {
    throw new FakeApiError(
      "IncorrectEipStatus",
      `The EIP ${eip.id} is ${eip.status} and cannot be associated; one EIP binds to one instance only.`,
    );
  }
  eip.status = "Associating";
  eip.instanceId = group.eniId;
  eip.instanceType = "NetworkInterface";
  eip.instanceRegionId = group.regionId;
  eip.privateIpAddress = group.ip;
  eip.vpcId = group.vpcId;
  const generation = ++eip.generation;
  context.clock.schedule(context.now + context.durations.eipAssociation, () => {
    if (eip.generation === generation && eip.status === "Associating") eip.status = "InUse";
  });
}

/** Frees the EIP of a deleted group; one it created itself (AutoCreateEip) is released. */
export function unbindGroupEip(world: World, group: ContainerGroupRecord): void {
  const eip = eipOf(world, group.eniId);
  if (!eip) return;
  eip.generation++;
  if (group.autoEipId === eip.id) {
    world.vpc.eips.delete(eip.id);
    return;
  }
  Object.assign(eip, {
    status: "Available",
    instanceId: "",
    instanceType: "",
    instanceRegionId: "",
    privateIpAddress: "",
    vpcId: "",
  });
}

/** The public address of a group: its EIP once the EIP is in use. */
export function internetIpOf(world: World, group: ContainerGroupRecord): string {
  const eip = eipOf(world, group.eniId);
  return eip && eip.status === "InUse" ? eip.ip : "";
}

/**
 * Whether a group reaches the internet (topic 1): it has an EIP in use, or a SNAT entry of
 * an available NAT gateway covers its VSwitch (by id or CIDR) with an EIP in use.
 * A group outside any modelled VSwitch is assumed to be online.
 */
export function hasInternet(
  world: World,
  group: { vSwitchId: string; eniId?: string; ip?: string },
): boolean {
  if (!group.vSwitchId) return true;
  if (group.eniId) {
    const eip = eipOf(world, group.eniId);
    if (eip?.status === "InUse") return true;
  }
  const vSwitch = world.vpc.vSwitches.get(group.vSwitchId);
  if (!vSwitch) return false;
  const vSwitchCidr = parseCidr(vSwitch.cidr);
  const address = group.ip ? parseIp(group.ip) : undefined;
  for (const entry of world.vpc.snatEntries.values()) {
    const nat = world.vpc.natGateways.get(entry.natGatewayId);
    if (nat?.status !== "Available" || nat.vpcId !== vSwitch.vpcId || entry.status !== "Available")
      continue;
    let covers = entry.sourceVSwitchId === vSwitch.id;
    const source = entry.sourceCidr ? parseCidr(entry.sourceCidr) : undefined;
    if (!covers && source) {
      covers =
        (vSwitchCidr !== undefined && cidrContains(source, vSwitchCidr)) ||
        (address !== undefined && ipInCidr(address, source));
    }
    if (!covers) continue;
    const eips = [...world.vpc.eips.values()];
    if (
      entry.snatIps.some((ip) =>
        eips.some((eip) => eip.ip === ip && eip.instanceId === nat.id && eip.status === "InUse"),
      )
    ) {
      return true;
    }
  }
  return false;
}

/** Removes a server from every load balancer's backend list (a group deleted or finished). */
export function detachBackend(world: World, serverIds: string[]): void {
  for (const lb of world.slb.loadBalancers.values()) {
    lb.backends = lb.backends.filter((backend) => !serverIds.includes(backend.serverId));
  }
}
