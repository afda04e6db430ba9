// Topic 5: instance metadata. Code inside a container group asks 100.100.100.200 who and
// where it is, and gets RAM role credentials without keys. Inside an ECI instance:
// `npx tsx examples/instance-metadata.ts --inside`; otherwise it reads a fake group's view.
import {
  createMetadataClient,
  describeSelf,
  type MetadataClient,
  MetadataError,
} from "alicloud-eci/metadata";
import { info, step } from "./lib/log.js";

export async function readMetadata(metadata: MetadataClient): Promise<void> {
  step("Instance metadata, as the container group itself sees it");
  const self = await describeSelf(metadata);
  info(
    `${self.hostname} is ${self.instanceId} in ${self.regionId}${self.zoneId ? ` (${self.zoneId})` : ""}`,
  );
  info(`private ${self.privateIpv4}, EIP ${self.eipv4 ?? "none"}, MAC ${self.mac}`);
  info(
    `VPC ${self.vpcId} ${self.vpcCidrBlock}, vSwitch ${self.vSwitchId} ${self.vSwitchCidrBlock}`,
  );
  info(`DNS ${self.nameServers.join(", ")}; NTP ${self.ntpServers.join(", ")}`);
  const nic = self.networkInterfaces[0];
  if (nic)
    info(
      `interface ${nic.networkInterfaceId}: ${nic.primaryIpAddress}/${nic.netmask} via ${nic.gateway}`,
    );
  info(
    `RAM role: ${self.ramRoleName ?? "none (give the group a RamRoleName to get temporary credentials here)"}`,
  );
}

if (process.argv[1] && import.meta.url === new URL(process.argv[1], "file://").href) {
  if (process.argv.includes("--inside")) {
    readMetadata(createMetadataClient()).catch((error: unknown) => {
      if (error instanceof MetadataError && error.kind === "unreachable") {
        console.error("the metadata service is only reachable from inside an ECI or ECS instance");
      } else console.error(error);
      process.exitCode = 1;
    });
  } else {
    console.log(
      "run `npm start` to see this against a fake container group, or --inside in an instance",
    );
  }
}
