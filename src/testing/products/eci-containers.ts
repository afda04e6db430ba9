// Inside a container: its log (DescribeContainerLog) and commands run in it (ExecContainerCommand).
import type { operations } from "../../../generated/eci.js";
import { incorrectStatus, invalidParameter } from "../errors.js";
import type { ContainerGroupRecord, ContainerRecord } from "../state.js";
import { type ActionContext, type ActionTable, isoTime } from "./context.js";

function findContainer(group: ContainerGroupRecord, name: string): ContainerRecord {
  const container = [...group.containers, ...group.initContainers].find((c) => c.name === name);
  if (!container)
    throw invalidParameter(
      "ContainerName",
      `${group.ContainerGroupId} has no container named ${name}`,
    );
  return container;
}

/** What a few everyday commands print inside the container; others print nothing. */
function execOutput(
  context: ActionContext,
  group: ContainerGroupRecord,
  c: ContainerRecord,
  argv: string[],
): string {
  const image = context.images.get(c.image);
  const [name = "", ...args] = argv;
  const base = name.slice(name.lastIndexOf("/") + 1);
  if (image.binaries && !image.binaries.includes(name) && !image.binaries.includes(base)) {
    return `OCI runtime exec failed: exec failed: unable to start container process: exec: "${name}": executable file not found in $PATH: unknown\r\n`;
  }
  if ((base === "sh" || base === "bash") && args[0] === "-c" && args[1]) {
    return execOutput(context, group, c, args[1].trim().split(/\s+/));
  }
  switch (base) {
    case "echo":
      return `${args.join(" ")}\n`;
    case "hostname":
      return `${group.ContainerGroupName}\n`;
    case "pwd":
      return `${c.start.workingDir}\n`;
    case "whoami":
      return "root\n";
    case "env":
      return `${[
        `HOSTNAME=${group.ContainerGroupName}`,
        "PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin",
        ...c.env.map((e) => `${e.Key}=${e.Value}`),
      ].join("\n")}\n`;
    case "cat":
      return args[0] === "/etc/hostname" ? `${group.ContainerGroupName}\n` : "";
    case "ls":
      return "bin\ndev\netc\nhome\nproc\nroot\nsys\ntmp\nusr\nvar\n";
    default:
      return "";
  }
}

/** Handlers of DescribeContainerLog and ExecContainerCommand. */
export const eciContainerActions: Pick<
  ActionTable<operations>,
  "DescribeContainerLog" | "ExecContainerCommand"
> = {
  DescribeContainerLog(context, input) {
    const group = context.world.eci.groups.find(context, input.ContainerGroupId);
    const c = findContainer(group, input.ContainerName);
    let lines = input.LastTime ? c.previousLog : c.log;
    const since =
      input.SinceSeconds !== undefined
        ? context.now - input.SinceSeconds * 1000
        : input.StartTime
          ? Date.parse(input.StartTime)
          : undefined;
    if (since !== undefined && !Number.isNaN(since)) lines = lines.filter((l) => l.at >= since);
    if (input.Tail !== undefined) lines = input.Tail > 0 ? lines.slice(-input.Tail) : [];
    let content = lines
      .map(
        (l) =>
          `${input.Timestamps ? `${isoTime(l.at).replace("Z", ".000000000Z")} ` : ""}${l.line}\n`,
      )
      .join("");
    if (input.LimitBytes !== undefined)
      content = new TextDecoder().decode(
        new TextEncoder().encode(content).slice(0, input.LimitBytes),
      );
    return { ContainerName: c.name, Content: content };
  },

  ExecContainerCommand(context, input) {
    const group = context.world.eci.groups.find(context, input.ContainerGroupId);
    const c = findContainer(group, input.ContainerName);
    if (group.Status !== "Running" || c.state.state !== "Running") {
      throw incorrectStatus(
        `The container ${c.name} of ${group.ContainerGroupId} is not running (group ${group.Status}, container ${c.state.state}).`,
      );
    }
    if (input.Sync) {
      return {
        SyncResponse: execOutput(context, group, c, input.Command),
        WebSocketUri: "",
        HttpUrl: "",
      };
    }
    const token = context.ids.hex(32);
    const host = `eci-exec.${context.regionId}.aliyuncs.com`;
    return {
      WebSocketUri: `wss://${host}/exec?containerGroupId=${group.ContainerGroupId}&container=${encodeURIComponent(c.name)}&token=${token}`,
      HttpUrl: `https://${host}/exec?containerGroupId=${group.ContainerGroupId}&container=${encodeURIComponent(c.name)}&token=${token}`,
      SyncResponse: "",
    };
  },
};
