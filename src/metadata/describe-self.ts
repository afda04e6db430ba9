// Topic 5 of the user guide in one call: who and where this instance is.
import { createMetadataClient, type MetadataCallOptions, type MetadataClient } from "./client.js";
import { MetadataError } from "./errors.js";

/** One network interface of the instance. IPv6 items are absent without IPv6. */
export interface InterfaceFacts {
  mac: string;
  networkInterfaceId: string;
  primaryIpAddress: string;
  privateIpv4s: string[];
  netmask: string;
  gateway: string;
  vpcId: string;
  vpcCidrBlock: string;
  vSwitchId: string;
  vSwitchCidrBlock: string;
  ipv6s?: string[];
  ipv6Gateway?: string;
  vpcIpv6CidrBlocks?: string[];
  vSwitchIpv6CidrBlock?: string;
}

/** The instance's identity and network facts, from the metadata service. */
export interface InstanceFacts {
  /** the container group id (`eci-…`) */
  instanceId: string;
  regionId: string;
  zoneId?: string;
  /** for ECI, the container group's name */
  hostname: string;
  privateIpv4: string;
  /** absent when no EIP is bound */
  eipv4?: string;
  mac: string;
  vpcId: string;
  vpcCidrBlock: string;
  vSwitchId: string;
  vSwitchCidrBlock: string;
  networkInterfaces: InterfaceFacts[];
  nameServers: string[];
  ntpServers: string[];
  /** outbound bandwidth limit, Kbit/s */
  maxNetbwEgress?: number;
  /** inbound bandwidth limit, Kbit/s */
  maxNetbwIngress?: number;
  ownerAccountId: string;
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
function compact<T extends object>(o: T): { [K in keyof T]: Exclude<T[K], undefined> } {
  for (const key of Object.keys(o) as (keyof T)[]) if (o[key] === undefined) delete o[key];
  return o as { [K in keyof T]: Exclude<T[K], undefined> };
}
