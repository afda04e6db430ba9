// Where products meet: addresses in VSwitches, EIPs on container groups, SLB backends that
// follow the groups they point at, and whether a group can reach the internet.
import { FakeApiError, incorrectStatus } from "../errors.js";
import { cidrContains, ipInCidr, nthAddress, parseCidr, parseIp, usableAddresses } from "../net.js";
import type { ContainerGroupRecord, EipRecord, VpcRecord, VSwitchRecord, World } from "../state.js";
import { type ActionContext, listOf } from "./context.js";

/** A VPC of the call's region that is Available: what VSwitches and NAT gateways need. */
export function availableVpc(context: ActionContext, vpcId: string): VpcRecord {
  const vpc = context.world.vpc.vpcs.find(context, vpcId);
  if (vpc.Status !== "Available") {
    throw incorrectStatus(
      `The VPC ${vpc.VpcId} is ${vpc.Status}; wait until it is Available.`,
      "IncorrectVpcStatus",
    );
  }
  return vpc;
}

/** Hands out the next free address of a VSwitch. */
export function allocateIp(vSwitch: VSwitchRecord): string {
  const cidr = parseCidr(vSwitch.CidrBlock);
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
    `The VSwitch ${vSwitch.VSwitchId} has no free IP address left.`,
  );
}

/** Whether a VSwitch has an address left to hand out. */
export function hasFreeIp(vSwitch: VSwitchRecord): boolean {
  const cidr = parseCidr(vSwitch.CidrBlock);
  if (!cidr) return false;
  for (let n = vSwitch.nextHost; n < usableAddresses(cidr); n++)
    if (!vSwitch.used.has(nthAddress(cidr, n) as string)) return true;
  return false;
}

/** Takes a given address in a VSwitch (a fixed private IP). */
export function reserveIp(vSwitch: VSwitchRecord, ip: string, parameter: string): string {
  const cidr = parseCidr(vSwitch.CidrBlock);
  const address = parseIp(ip);
  if (!cidr || address === undefined || !ipInCidr(address, cidr)) {
    throw new FakeApiError(
      "InvalidParameter",
      `The specified parameter "${parameter}" is not valid: ${ip} is not in the VSwitch CIDR block ${vSwitch.CidrBlock}.`,
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
  for (const group of world.eci.groups.values()) if (group.EniInstanceId === eniId) return group;
  return undefined;
}

/** The EIP bound (or being bound) to an instance. */
export function eipOf(world: World, instanceId: string): EipRecord | undefined {
  for (const eip of world.vpc.eips.values()) {
    if (eip.InstanceId === instanceId && eip.Status !== "Available") return eip;
  }
  return undefined;
}

/** Binds an EIP to a container group's ENI (CreateContainerGroup with EipInstanceId or AutoCreateEip). */
export function bindEipToGroup(
  context: ActionContext,
  eip: EipRecord,
  group: ContainerGroupRecord,
): void {
  if (eip.Status !== "Available") {
    throw new FakeApiError(
      "IncorrectEipStatus",
      `The EIP ${eip.AllocationId} is ${eip.Status} and cannot be associated; one EIP binds to one instance only.`,
    );
  }
  associateEip(context, eip, {
    InstanceId: group.EniInstanceId,
    InstanceType: "NetworkInterface",
    InstanceRegionId: group.RegionId,
    PrivateIpAddress: group.IntranetIp,
    VpcId: group.VpcId,
  });
}

/** Starts binding an EIP: Associating now, InUse once the association took (unless undone). */
export function associateEip(
  context: ActionContext,
  eip: EipRecord,
  target: Partial<Pick<EipRecord, (typeof BINDING)[number]>>,
): void {
  Object.assign(eip, target, { Status: "Associating" });
  const generation = ++eip.generation;
  context.clock.schedule(context.now + context.durations.eipAssociation, () => {
    if (eip.generation === generation && eip.Status === "Associating") eip.Status = "InUse";
  });
}

/** The fields of an EIP that say what it is bound to. */
const BINDING = [
  "InstanceId",
  "InstanceType",
  "InstanceRegionId",
  "Mode",
  "PrivateIpAddress",
  "VpcId",
] as const;

/** Makes an EIP Available and bound to nothing; a pending transition of it is dropped. */
export function freeEip(eip: EipRecord): void {
  eip.generation++;
  eip.Status = "Available";
  for (const field of BINDING) eip[field] = "";
}

/** Frees the EIP of a deleted group; one it created itself (AutoCreateEip) is released. */
export function unbindGroupEip(world: World, group: ContainerGroupRecord): void {
  const eip = eipOf(world, group.EniInstanceId);
  if (!eip) return;
  if (group.autoEipId === eip.AllocationId) world.vpc.eips.delete(eip.AllocationId);
  freeEip(eip);
}

/** The public address of a group: its EIP once the EIP is in use. */
export function internetIpOf(world: World, group: ContainerGroupRecord): string {
  const eip = eipOf(world, group.EniInstanceId);
  return eip && eip.Status === "InUse" ? eip.IpAddress : "";
}

/**
 * Whether a group reaches the internet (topic 1): it has an EIP in use, or a SNAT entry of
 * an available NAT gateway covers its VSwitch (by id or CIDR) with an EIP in use.
 * A group outside any modelled VSwitch is assumed to be online.
 */
export function hasInternet(
  world: World,
  group: { VSwitchId: string; EniInstanceId?: string; IntranetIp?: string },
): boolean {
  if (!group.VSwitchId) return true;
  if (group.EniInstanceId) {
    const eip = eipOf(world, group.EniInstanceId);
    if (eip?.Status === "InUse") return true;
  }
  const vSwitch = world.vpc.vSwitches.get(group.VSwitchId);
  if (!vSwitch) return false;
  const vSwitchCidr = parseCidr(vSwitch.CidrBlock);
  const address = group.IntranetIp ? parseIp(group.IntranetIp) : undefined;
  for (const entry of world.vpc.snatEntries.values()) {
    const nat = world.vpc.natGateways.get(entry.NatGatewayId);
    if (nat?.Status !== "Available" || nat.VpcId !== vSwitch.VpcId || entry.Status !== "Available")
      continue;
    let covers = entry.SourceVSwitchId === vSwitch.VSwitchId;
    const source = entry.SourceCIDR ? parseCidr(entry.SourceCIDR) : undefined;
    if (!covers && source) {
      covers =
        (vSwitchCidr !== undefined && cidrContains(source, vSwitchCidr)) ||
        (address !== undefined && ipInCidr(address, source));
    }
    if (!covers) continue;
    const eips = [...world.vpc.eips.values()];
    const inUse = (ip: string) =>
      eips.some(
        (eip) =>
          eip.IpAddress === ip && eip.InstanceId === nat.NatGatewayId && eip.Status === "InUse",
      );
    if (listOf(entry.SnatIp).some(inUse)) {
      return true;
    }
  }
  return false;
}

/** Removes a server from every load balancer's backend list (a group deleted or finished). */
export function detachBackend(world: World, serverIds: string[]): void {
  for (const lb of world.slb.loadBalancers.values()) {
    lb.backends = lb.backends.filter((backend) => !serverIds.includes(backend.ServerId));
  }
}

/** An EIP of the call's region that is bound to nothing (an EipInstanceId to bind). */
export function unboundEip(context: ActionContext, allocationId: string): EipRecord {
  const eip = context.world.vpc.eips.find(context, allocationId);
  if (eip.Status !== "Available") {
    throw new FakeApiError(
      "IncorrectEipStatus",
      `The EIP ${eip.AllocationId} is ${eip.Status}; one EIP binds to one instance only.`,
    );
  }
  return eip;
}
