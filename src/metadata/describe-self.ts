// Topic 5 of the user guide in one call: who and where this instance is.

import { MetadataError } from "../base/imds-errors.js";
import { defined } from "../base/objects.js";
import { createMetadataClient, type MetadataCallOptions, type MetadataClient } from "./client.js";

/** One network interface of the instance. IPv6 items are absent without IPv6. */
export interface InterfaceFacts {
  /** the interface's MAC address */
  mac: string;
  /** the elastic network interface (`eni-…`) */
  networkInterfaceId: string;
  /** its primary private IPv4 address */
  primaryIpAddress: string;
  /** every private IPv4 address on it */
  privateIpv4s: string[];
  /** the subnet mask, e.g. `255.255.255.0` */
  netmask: string;
  /** the IPv4 gateway */
  gateway: string;
  /** its VPC (`vpc-…`) */
  vpcId: string;
  /** the VPC's IPv4 CIDR block */
  vpcCidrBlock: string;
  /** its vSwitch (`vsw-…`) */
  vSwitchId: string;
  /** the vSwitch's IPv4 CIDR block */
  vSwitchCidrBlock: string;
  /** its IPv6 addresses; absent without IPv6 */
  ipv6s?: string[];
  /** the IPv6 gateway; absent without IPv6 */
  ipv6Gateway?: string;
  /** the VPC's IPv6 CIDR blocks; absent without IPv6 */
  vpcIpv6CidrBlocks?: string[];
  /** the vSwitch's IPv6 CIDR block; absent without IPv6 */
  vSwitchIpv6CidrBlock?: string;
}

/** The instance's identity and network facts, from the metadata service. */
export interface InstanceFacts {
  /** the container group id (`eci-…`) */
  instanceId: string;
  /** e.g. `cn-hangzhou` */
  regionId: string;
  /** e.g. `cn-hangzhou-h`; absent when the service has no such item */
  zoneId?: string;
  /** for ECI, the container group's name */
  hostname: string;
  /** the primary private IPv4 address */
  privateIpv4: string;
  /** absent when no EIP is bound */
  eipv4?: string;
  /** MAC address of the primary network interface */
  mac: string;
  /** the VPC (`vpc-…`) */
  vpcId: string;
  /** the VPC's IPv4 CIDR block */
  vpcCidrBlock: string;
  /** the vSwitch (`vsw-…`) */
  vSwitchId: string;
  /** the vSwitch's IPv4 CIDR block */
  vSwitchCidrBlock: string;
  /** every network interface, one per MAC, in the order the service lists them */
  networkInterfaces: InterfaceFacts[];
  /** DNS servers (`dns-conf/nameservers`) */
  nameServers: string[];
  /** NTP servers (`ntp-conf/ntp-servers`) */
  ntpServers: string[];
  /** outbound bandwidth limit, Kbit/s */
  maxNetbwEgress?: number;
  /** inbound bandwidth limit, Kbit/s */
  maxNetbwIngress?: number;
  /** the Alibaba Cloud account that owns the instance */
  ownerAccountId: string;
  /** the instance's serial number; absent when the service has no such item */
  serialNumber?: string;
  /** absent when the instance has no RAM role */
  ramRoleName?: string;
}

/**
 * Reads everything topic 5 lists about the instance the code runs in, in parallel, as one
 * object. Items the instance does not have (an EIP, a RAM role, IPv6) are left out; off
 * the cloud it rejects with `MetadataError` (`kind: "unreachable"`).
 *
 * @example
 * ```ts
 * const self = await describeSelf();
 * console.log(`${self.hostname} (${self.instanceId}) in ${self.regionId}, ${self.privateIpv4}`);
 * ```
 */
export async function describeSelf(
  metadata: MetadataClient = createMetadataClient(),
  options?: MetadataCallOptions,
): Promise<InstanceFacts> {
  const o = options;
  const optional = <T>(read: Promise<T>) =>
    read.catch((error: unknown) => {
      if (error instanceof MetadataError && error.kind === "notFound") return undefined;
      throw error;
    });
  const [facts, macs] = await Promise.all([
    allOf({
      instanceId: metadata.instanceId(o),
      regionId: metadata.regionId(o),
      zoneId: optional(metadata.zoneId(o)),
      hostname: metadata.hostname(o),
      privateIpv4: metadata.privateIpv4(o),
      eipv4: optional(metadata.eipv4(o)),
      mac: metadata.mac(o),
      vpcId: metadata.vpcId(o),
      vpcCidrBlock: metadata.vpcCidrBlock(o),
      vSwitchId: metadata.vswitchId(o),
      vSwitchCidrBlock: metadata.vswitchCidrBlock(o),
      nameServers: metadata.nameServers(o),
      ntpServers: metadata.ntpServers(o),
      maxNetbwEgress: optional(metadata.maxNetbwEgress(o)),
      maxNetbwIngress: optional(metadata.maxNetbwIngress(o)),
      ownerAccountId: metadata.ownerAccountId(o),
      serialNumber: optional(metadata.serialNumber(o)),
      ramRoleName: optional(metadata.ramRoleName(o)),
    }),
    metadata.macs(o),
  ]);
  const networkInterfaces = await Promise.all(
    macs.map((mac) => {
      const nic = metadata.networkInterface(mac);
      return allOf({
        mac: Promise.resolve(mac),
        networkInterfaceId: nic.networkInterfaceId(o),
        primaryIpAddress: nic.primaryIpAddress(o),
        privateIpv4s: nic.privateIpv4s(o),
        netmask: nic.netmask(o),
        gateway: nic.gateway(o),
        vpcId: nic.vpcId(o),
        vpcCidrBlock: nic.vpcCidrBlock(o),
        vSwitchId: nic.vswitchId(o),
        vSwitchCidrBlock: nic.vswitchCidrBlock(o),
        ipv6s: optional(nic.ipv6s(o)),
        ipv6Gateway: optional(nic.ipv6Gateway(o)),
        vpcIpv6CidrBlocks: optional(nic.vpcIpv6CidrBlocks(o)),
        vSwitchIpv6CidrBlock: optional(nic.vswitchIpv6CidrBlock(o)),
      }).then(compact);
    }),
  );
  return compact({ ...facts, networkInterfaces });
}

/** Awaits every promise of an object, keeping the keys. */
async function allOf<T extends Record<string, Promise<unknown>>>(
  reads: T,
): Promise<{ [K in keyof T]: Awaited<T[K]> }> {
  const keys = Object.keys(reads);
  const values = await Promise.all(Object.values(reads));
  return Object.fromEntries(keys.map((key, i) => [key, values[i]])) as {
    [K in keyof T]: Awaited<T[K]>;
  };
}

/** Drops the keys whose value is undefined, so absent items are absent, not `undefined`. */
const compact = <T extends object>(o: T) =>
  defined(o) as { [K in keyof T]: Exclude<T[K], undefined> };
