// Typed reads of the instance metadata service, one method per item of the ECI/ECS
// metadata (`http://100.100.100.200/latest/meta-data/…`).

import { createImdsRequester, type MetadataOptions } from "../base/imds.js";
import { parseCount, parseList } from "../base/imds-parse.js";
import { discoverRoleName, fetchRoleCredentials } from "../credentials/ram-role.js";
import type { Credentials } from "../credentials/types.js";

/** Options of {@link createMetadataClient}. */
export interface MetadataClientOptions extends MetadataOptions {}

/** Per-read options. */
export interface MetadataCallOptions {
  /** cancels the read (it then rejects with AbortError) */
  signal?: AbortSignal;
}

/** The items of one network interface, under `network/interfaces/macs/<mac>/`. */
export interface NetworkInterfaceMetadata {
  /** the interface's MAC address */
  readonly mac: string;
  /** `network-interface-id`: the ENI id, `eni-…` */
  networkInterfaceId(options?: MetadataCallOptions): Promise<string>;
  /** `netmask`, e.g. `255.255.255.0` */
  netmask(options?: MetadataCallOptions): Promise<string>;
  /** `gateway`: the IPv4 gateway */
  gateway(options?: MetadataCallOptions): Promise<string>;
  /** `primary-ip-address`: the primary private IPv4 */
  primaryIpAddress(options?: MetadataCallOptions): Promise<string>;
  /** `private-ipv4s`: every private IPv4 of the interface */
  privateIpv4s(options?: MetadataCallOptions): Promise<string[]>;
  /** `vpc-id` */
  vpcId(options?: MetadataCallOptions): Promise<string>;
  /** `vpc-cidr-block`: the VPC's IPv4 CIDR block */
  vpcCidrBlock(options?: MetadataCallOptions): Promise<string>;
  /** `vpc-ipv6-cidr-blocks`: the VPC's IPv6 CIDR blocks (404 without IPv6) */
  vpcIpv6CidrBlocks(options?: MetadataCallOptions): Promise<string[]>;
  /** `vswitch-id` */
  vswitchId(options?: MetadataCallOptions): Promise<string>;
  /** `vswitch-cidr-block`: the VSwitch's IPv4 CIDR block */
  vswitchCidrBlock(options?: MetadataCallOptions): Promise<string>;
  /** `vswitch-ipv6-cidr-block`: the VSwitch's IPv6 CIDR block (404 without IPv6) */
  vswitchIpv6CidrBlock(options?: MetadataCallOptions): Promise<string>;
  /** `ipv6s`: the interface's IPv6 addresses (404 without IPv6) */
  ipv6s(options?: MetadataCallOptions): Promise<string[]>;
  /** `ipv6-gateway` (404 without IPv6) */
  ipv6Gateway(options?: MetadataCallOptions): Promise<string>;
}

/**
 * Reads the instance metadata from inside an ECI container group or an ECS instance.
 * Every method rejects with `MetadataError`: `kind: "unreachable"` off-cloud,
 * `kind: "notFound"` (HTTP 404, with the item's name) when the item does not exist here,
 * e.g. `eipv4` without an EIP.
 */
export interface MetadataClient {
  /** the service's base URL */
  readonly endpoint: string;
  /** Raw text of any item, relative to `/latest/meta-data/` (`"image-id"`, `"instance/instance-type"`). */
  get(item: string, options?: MetadataCallOptions): Promise<string>;
  /** Any list item as an array (one value per line, a JSON array, or a folder listing). */
  getList(item: string, options?: MetadataCallOptions): Promise<string[]>;
  /** `instance-id`: the container group (or ECS instance) id, `eci-…` */
  instanceId(options?: MetadataCallOptions): Promise<string>;
  /** `region-id`, e.g. `cn-hangzhou` */
  regionId(options?: MetadataCallOptions): Promise<string>;
  /** `zone-id`, e.g. `cn-hangzhou-h` */
  zoneId(options?: MetadataCallOptions): Promise<string>;
  /** `hostname`: for ECI, the ContainerGroupName */
  hostname(options?: MetadataCallOptions): Promise<string>;
  /** `private-ipv4`: the primary private IPv4 */
  privateIpv4(options?: MetadataCallOptions): Promise<string>;
  /** `eipv4`: the EIP bound to the instance (MetadataError `notFound` when none is bound) */
  eipv4(options?: MetadataCallOptions): Promise<string>;
  /** `mac`: the primary network interface's MAC address */
  mac(options?: MetadataCallOptions): Promise<string>;
  /** `network/interfaces/macs/`: the MAC address of every network interface */
  macs(options?: MetadataCallOptions): Promise<string[]>;
  /** The items of the network interface with this MAC address (no request until a method is called). */
  networkInterface(mac: string): NetworkInterfaceMetadata;
  /** `vpc-id` */
  vpcId(options?: MetadataCallOptions): Promise<string>;
  /** `vpc-cidr-block`: the VPC's IPv4 CIDR block */
  vpcCidrBlock(options?: MetadataCallOptions): Promise<string>;
  /** `vswitch-id` */
  vswitchId(options?: MetadataCallOptions): Promise<string>;
  /** `vswitch-cidr-block`: the VSwitch's IPv4 CIDR block */
  vswitchCidrBlock(options?: MetadataCallOptions): Promise<string>;
  /** `dns-conf/nameservers`: the DNS servers */
  nameServers(options?: MetadataCallOptions): Promise<string[]>;
  /** `ntp-conf/ntp-servers`: the NTP servers */
  ntpServers(options?: MetadataCallOptions): Promise<string[]>;
  /** `instance/max-netbw-egress`: outbound bandwidth limit in Kbit/s */
  maxNetbwEgress(options?: MetadataCallOptions): Promise<number>;
  /** `instance/max-netbw-ingress`: inbound bandwidth limit in Kbit/s */
  maxNetbwIngress(options?: MetadataCallOptions): Promise<number>;
  /** `owner-account-id`: the Alibaba Cloud account (UID) that owns the instance */
  ownerAccountId(options?: MetadataCallOptions): Promise<string>;
  /** `serial-number` */
  serialNumber(options?: MetadataCallOptions): Promise<string>;
  /** `ram/security-credentials/`: the RAM role attached to the instance (`notFound` when none) */
  ramRoleName(options?: MetadataCallOptions): Promise<string>;
  /**
   * `ram/security-credentials/<role>`: the role's temporary STS credentials, read afresh
   * (no cache; for API clients use `ramRoleCredentials`, which caches). The role is
   * discovered when not given.
   */
  ramCredentials(roleName?: string, options?: MetadataCallOptions): Promise<Credentials>;
}

const TEXT_ITEMS = {
  instanceId: "instance-id",
  regionId: "region-id",
  zoneId: "zone-id",
  hostname: "hostname",
  privateIpv4: "private-ipv4",
  eipv4: "eipv4",
  mac: "mac",
  vpcId: "vpc-id",
  vpcCidrBlock: "vpc-cidr-block",
  vswitchId: "vswitch-id",
  vswitchCidrBlock: "vswitch-cidr-block",
  ownerAccountId: "owner-account-id",
  serialNumber: "serial-number",
} as const;
const LIST_ITEMS = {
  macs: "network/interfaces/macs/",
  nameServers: "dns-conf/nameservers",
  ntpServers: "ntp-conf/ntp-servers",
} as const;
const COUNT_ITEMS = {
  maxNetbwEgress: "instance/max-netbw-egress",
  maxNetbwIngress: "instance/max-netbw-ingress",
} as const;
const INTERFACE_TEXT_ITEMS = {
  networkInterfaceId: "network-interface-id",
  netmask: "netmask",
  gateway: "gateway",
  primaryIpAddress: "primary-ip-address",
  vpcId: "vpc-id",
  vpcCidrBlock: "vpc-cidr-block",
  vswitchId: "vswitch-id",
  vswitchCidrBlock: "vswitch-cidr-block",
  vswitchIpv6CidrBlock: "vswitch-ipv6-cidr-block",
  ipv6Gateway: "ipv6-gateway",
} as const;
const INTERFACE_LIST_ITEMS = {
  privateIpv4s: "private-ipv4s",
  vpcIpv6CidrBlocks: "vpc-ipv6-cidr-blocks",
  ipv6s: "ipv6s",
} as const;

type Read<T> = (options?: MetadataCallOptions) => Promise<T>;

/**
 * A client for the instance metadata service. Off-cloud every read fails within about
 * 2 s (token request, then the IMDSv1 try, 1 s each by default).
 *
 * ```ts
 * import { createMetadataClient } from "alicloud-eci/metadata";
 * const metadata = createMetadataClient();
 * const [region, ip] = await Promise.all([metadata.regionId(), metadata.privateIpv4()]);
 * ```
 */
export function createMetadataClient(options: MetadataClientOptions = {}): MetadataClient {
  const imds = createImdsRequester(options);
  const get = (item: string, o?: MetadataCallOptions) => imds.get(item, o?.signal);
  const getList = async (item: string, o?: MetadataCallOptions) => parseList(await get(item, o));
  const text =
    (item: string): Read<string> =>
    async (o) =>
      (await get(item, o)).trim();
  const list =
    (item: string): Read<string[]> =>
    (o) =>
      getList(item, o);
  const count =
    (item: string): Read<number> =>
    async (o) =>
      parseCount(await get(item, o), item);
  const methods = <T>(
    items: Record<string, string>,
    read: (item: string) => Read<T>,
    prefix = "",
  ) => Object.fromEntries(Object.entries(items).map(([name, item]) => [name, read(prefix + item)]));

  function networkInterface(mac: string): NetworkInterfaceMetadata {
    const clean = mac.trim().replace(/\/$/, "");
    if (!clean) throw new TypeError("networkInterface needs a MAC address, e.g. from macs()");
    const prefix = `network/interfaces/macs/${clean}/`;
    return {
      mac: clean,
      ...methods(INTERFACE_TEXT_ITEMS, text, prefix),
      ...methods(INTERFACE_LIST_ITEMS, list, prefix),
    } as unknown as NetworkInterfaceMetadata;
  }

  return {
    endpoint: imds.endpoint,
    get,
    getList,
    ...methods(TEXT_ITEMS, text),
    ...methods(LIST_ITEMS, list),
    ...methods(COUNT_ITEMS, count),
    networkInterface,
    ramRoleName: (o?: MetadataCallOptions) => discoverRoleName(imds, o?.signal),
    ramCredentials: (roleName?: string, o?: MetadataCallOptions) =>
      fetchRoleCredentials(imds, roleName, o?.signal),
  } as unknown as MetadataClient;
}
