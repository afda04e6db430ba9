// Topic 3: what a container runs. Command and Arg override the image's ENTRYPOINT and CMD;
// resolveStartCommand shows the result before anything starts. `npx tsx examples/start-command.ts`
import {
  type ContainerGroup,
  createContainerGroupWithCache,
  type ImageCache,
  resolveStartCommand,
  resolveWorkingDir,
  waitForContainerGroupDeleted,
  waitForContainerGroupRunning,
} from "alicloud-eci";
import { buildImageCache } from "./image-cache.js";
import { type Network, setUpNetwork } from "./internet-access.js";
import { info, step, watch } from "./lib/log.js";
import { runIfMain, type Setup } from "./lib/setup.js";

// what the nginx image declares (docker inspect nginx:1.25)
const NGINX = {
  entrypoint: ["/docker-entrypoint.sh"],
  cmd: ["nginx", "-g", "daemon off;"],
  workdir: "",
};

export async function startNginx(
  s: Setup,
  network: Network,
  cache: ImageCache,
  name: string,
): Promise<ContainerGroup> {
  step(`Container group ${name}: nginx from the image cache, with its own start command`);
  const Command = ["nginx"];
  const Arg = ["-g", "daemon off; worker_processes 2;"];
  const argv = resolveStartCommand({
    imageEntrypoint: NGINX.entrypoint,
    imageCmd: NGINX.cmd,
    commands: Command,
    args: Arg,
  });
  info(
    `will run: ${JSON.stringify(argv)} in ${resolveWorkingDir({ imageWorkdir: NGINX.workdir, workingDir: "/usr/share/nginx/html" })}`,
  );

  const { ContainerGroupId } = await createContainerGroupWithCache(
    s.eci,
    {
      ContainerGroupName: name,
      VSwitchId: network.vSwitchId,
      SecurityGroupId: network.securityGroupId,
      Cpu: 0.5,
      Memory: 1,
      Container: [
        {
          Name: "nginx",
          Image: "nginx:1.25",
          Command,
          Arg,
          WorkingDir: "/usr/share/nginx/html",
          Port: [{ Port: 80, Protocol: "TCP" }],
        },
      ],
    },
    { imageCacheId: cache.ImageCacheId }, // ImagePullPolicy becomes IfNotPresent
  );
  const group = await waitForContainerGroupRunning(
    s.eci,
    { ContainerGroupId },
    watch(ContainerGroupId, s.wait),
  );
  const events = (group.Events ?? []).map((e) => e.Reason).join(", ");
  info(`${ContainerGroupId} is ${group.Status} at ${group.IntranetIp}; events: ${events}`);
  const container = group.Containers?.[0];
  info(
    `reported command ${JSON.stringify(container?.Commands)} args ${JSON.stringify(container?.Args)}`,
  );
  return group;
}

/** The topic on its own: network and image cache, one nginx group, then all removed. */
export async function main(s: Setup): Promise<void> {
  const network = await setUpNetwork(s);
  const cache = await buildImageCache(s, network);
  const group = await startNginx(s, network, cache, "quickstart-web");
  const id = group.ContainerGroupId;
  await s.eci.deleteContainerGroup({ ContainerGroupId: id });
  await waitForContainerGroupDeleted(s.eci, { ContainerGroupId: id }, s.wait);
  await s.eci.deleteImageCache({ ImageCacheId: cache.ImageCacheId });
  info(`deleted ${id} and image cache ${cache.ImageCacheId}`);
  await network.cleanup();
}

runIfMain(import.meta.url, main);
