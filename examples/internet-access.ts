// Topic 1: reaching the internet. A VPC and vSwitch, a security group that lets TCP 80 in,
// and a NAT gateway with an EIP and an SNAT entry so every instance on the vSwitch can pull
// public images. `npx tsx examples/internet-access.ts` (add --live for Alibaba Cloud).
import {
  allowInboundPort,
  enableInternetViaNat,
  type InternetViaNat,
  waitForVpcAvailable,
  waitForVSwitchAvailable,
} from "alicloud-eci";
import { info, step, watch } from "./lib/log.js";
import { runIfMain, type Setup } from "./lib/setup.js";

export interface Network {
  vpcId: string;
  vSwitchId: string;
  zoneId: string;
  securityGroupId: string;
  net: InternetViaNat;
  /** removes everything `setUpNetwork` made, in reverse order */
  cleanup(): Promise<void>;
}

export async function setUpNetwork(s: Setup): Promise<Network> {
  step("Reaching the internet: VPC, vSwitch, security group, NAT gateway + EIP + SNAT");
  const region = (await s.eci.describeRegions()).Regions?.find((r) => r.RegionId === s.regionId);
  const zoneId = region?.RecommendZones?.[0] ?? region?.Zones?.[0] ?? `${s.regionId}-a`;

  const { VpcId: vpcId } = await s.vpc.createVpc({
    CidrBlock: "192.168.0.0/16",
    VpcName: "quickstart",
  });
  await waitForVpcAvailable(s.vpc, { VpcId: vpcId }, watch(`VPC ${vpcId}`, s.wait));
  const { VSwitchId: vSwitchId } = await s.vpc.createVSwitch({
    VpcId: vpcId,
    ZoneId: zoneId,
    CidrBlock: "192.168.1.0/24",
    VSwitchName: "quickstart",
  });
  await waitForVSwitchAvailable(
    s.vpc,
    { VSwitchId: vSwitchId },
    watch(`vSwitch ${vSwitchId} in ${zoneId}`, s.wait),
  );

  const { SecurityGroupId: securityGroupId } = await s.ecs.createSecurityGroup({
    VpcId: vpcId,
    SecurityGroupName: "quickstart",
  });
  await allowInboundPort(s.ecs, { securityGroupId, port: 80 });
  info(`security group ${securityGroupId}: inbound TCP 80 from 0.0.0.0/0`);

  const net = await enableInternetViaNat(
    { vpc: s.vpc },
    {
      vpcId,
      vSwitchId,
      name: "quickstart",
      wait: s.wait,
      onStep: (name, { reused, id }) =>
        info(`${name}: ${reused ? "reusing" : "creating"}${id ? ` ${id}` : ""}`),
    },
  );
  info(
    `NAT gateway ${net.natGatewayId}, EIP ${net.allocationId} (${net.eipAddress}), SNAT entry ${net.snatEntryId}`,
  );
  info(`every instance on ${vSwitchId} now reaches the internet as ${net.eipAddress}`);

  return {
    vpcId,
    vSwitchId,
    zoneId,
    securityGroupId,
    net,
    async cleanup() {
      await net.dispose();
      await s.ecs.deleteSecurityGroup({ SecurityGroupId: securityGroupId });
      await s.vpc.deleteVSwitch({ VSwitchId: vSwitchId });
      await s.vpc.deleteVpc({ VpcId: vpcId });
      info(`removed the SNAT entry, EIP, NAT gateway, security group, vSwitch and VPC`);
    },
  };
}

/** The topic on its own: the network, then everything removed again. */
export async function main(s: Setup): Promise<void> {
  const network = await setUpNetwork(s);
  await network.cleanup();
}

runIfMain(import.meta.url, main);
