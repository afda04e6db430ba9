// Inside a container: its log (DescribeContainerLog) and commands run in it (ExecContainerCommand).
import type { operations } from "../../../generated/eci.js";
import { incorrectStatus, invalidParameter } from "../errors.js";
import type { ContainerGroupRecord, ContainerRecord } from "../state.js";
import type { ActionTable } from "./context.js";
import { execSync } from "./eci-process.js";
import { openSession } from "./eci-sessions.js";

function findContainer(group: ContainerGroupRecord, name: string): ContainerRecord {
  const container = [...group.containers, ...group.initContainers].find((c) => c.name === name);
  if (!container)
    throw invalidParameter(
      "ContainerName",
      `${group.ContainerGroupId} has no container named ${name}`,
    );
  return container;
}

/** kubelet's `--timestamps` form: RFC 3339 with nanoseconds (the fake's clock has ms). */
const logTime = (ms: number) => `${new Date(ms).toISOString().slice(0, 23)}000000Z`;

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
    const tail = input.Tail ?? 500; // the API's default
    lines = tail > 0 ? lines.slice(-tail) : [];
    let content = lines
      .map((l) => `${input.Timestamps ? `${logTime(l.at)} ` : ""}${l.line}\n`)
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
        // the same shell as the container's own process; the API gives no exit status
        SyncResponse: execSync(context, group, c, input.Command).output,
        WebSocketUri: "",
        HttpUrl: "",
      };
    }
    return {
      ...openSession(context, group, c, input.Command, input.TTY ?? false),
      SyncResponse: "",
    };
  },
};
