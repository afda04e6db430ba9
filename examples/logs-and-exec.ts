// `kubectl logs -f` and `kubectl exec` for ECI: follow a counter container's log to its end,
// then run one-shot commands in nginx and see its access line. `npx tsx examples/logs-and-exec.ts`
import {
  execInContainer,
  followContainerLog,
  waitForContainerGroupDeleted,
  waitForContainerGroupRunning,
} from "alicloud-eci";
import { setUpNetwork } from "./internet-access.js";
import { info, step, watch } from "./lib/log.js";
import { runIfMain, type Setup } from "./lib/setup.js";

/** 60 lines, 4 a second, then the container exits 0. */
export const COUNTER = "for i in $(seq 1 60); do echo line-$i; sleep 0.25; done";

export async function main(s: Setup): Promise<void> {
  const network = await setUpNetwork(s);
  const placement = { VSwitchId: network.vSwitchId, SecurityGroupId: network.securityGroupId };

  step("A counter container, its log followed until it ends");
  const { ContainerGroupId: counterId } = await s.eci.createContainerGroup({
    ...placement,
    ContainerGroupName: "counter",
    RestartPolicy: "Never",
    Container: [{ Name: "counter", Image: "busybox:1.36", Command: ["sh", "-c", COUNTER] }],
  });
  const seen = new Set<string>();
  let last = "";
  // the follower's pauses are the example's waits: on the fake's manual clock they take no time
  for await (const line of followContainerLog(
    s.eci,
    { ContainerGroupId: counterId, ContainerName: "counter" },
    s.wait,
  )) {
    if (seen.size === 0 || seen.size % 20 === 19) info(`${line.time.toISOString()} ${line.text}`);
    seen.add(line.text);
    last = line.text;
  }
  info(`the log ended with ${last}: ${seen.size} distinct lines`);
  const [ended] = (await s.eci.describeContainerGroups({ ContainerGroupIds: [counterId] }))
    .ContainerGroups;
  info(
    `${counterId} is ${ended?.Status}, exit code ${ended?.Containers?.[0]?.CurrentState?.ExitCode}`,
  );

  step("One-shot commands in nginx (ExecContainerCommand with Sync)");
  const { ContainerGroupId: webId } = await s.eci.createContainerGroup({
    ...placement,
    ContainerGroupName: "web",
    Container: [{ Name: "nginx", Image: "nginx:1.25", Port: [{ Port: 80, Protocol: "TCP" }] }],
  });
  await waitForContainerGroupRunning(s.eci, { ContainerGroupId: webId }, watch(webId, s.wait));
  const nginx = { ContainerGroupId: webId, ContainerName: "nginx" };
  const { output } = await execInContainer(s.eci, {
    ...nginx,
    Command: "hostname; echo $((6 * 7))",
  });
  info(`exec output: ${JSON.stringify(output)}`);
  const page = await execInContainer(s.eci, { ...nginx, Command: "curl -s http://localhost/" });
  info(`curl localhost: ${page.output.split("\n").find((l) => l.includes("<title>"))}`);
  // nginx never ends: read its last lines, then stop following with break
  for await (const line of followContainerLog(s.eci, nginx, { ...s.wait, tail: 2 })) {
    info(`nginx log: ${line.text}`);
    if (line.text.includes('"GET / HTTP/1.1"')) break;
  }

  step("Clean-up");
  for (const id of [counterId, webId]) {
    await s.eci.deleteContainerGroup({ ContainerGroupId: id });
    await waitForContainerGroupDeleted(s.eci, { ContainerGroupId: id }, s.wait);
  }
  info(`deleted ${counterId} and ${webId}`);
  await network.cleanup();
}

runIfMain(import.meta.url, main);
