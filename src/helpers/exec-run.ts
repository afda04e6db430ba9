// One-shot commands in a running container: ExecContainerCommand with Sync, the output in the answer.
import type { EciClient } from "../../generated/eci.client.js";
import type { CallOptions } from "../core/client.js";
import { type RegionRef, regionOf } from "../waiters/region.js";

/** What to run, where. */
export interface ExecInput extends RegionRef {
  /** `eci-…` */
  ContainerGroupId: string;
  /** the container's name in the group */
  ContainerName: string;
  /** argv, at most 20 items: `["sh", "-c", "ls /tmp"]`; a string is run with `sh -c` */
  Command: string[] | string;
}

/** What the command printed (stdout and stderr together, as the API answers). */
export interface ExecResult {
  /** the output; the API gives no exit status, so print `$?` yourself if you need it */
  output: string;
}

/**
 * Runs a command in a running container and resolves with its output
 * (ExecContainerCommand with `Sync: true`; the API gives no exit status). A string
 * `Command` runs in `sh -c`. Rejects with the API's error when the container is not
 * running (`IncorrectStatus`).
 *
 * @example
 * ```ts
 * const { output } = await execInContainer(eci, { ContainerGroupId, ContainerName: "web", Command: "nginx -v 2>&1; echo $?" });
 * ```
 */
export async function execInContainer(
  eci: Pick<EciClient, "execContainerCommand">,
  input: ExecInput,
  call: CallOptions = {},
): Promise<ExecResult> {
  const { ContainerGroupId, ContainerName } = input;
  const Command = typeof input.Command === "string" ? ["sh", "-c", input.Command] : input.Command;
  const answer = await eci.execContainerCommand(
    {
      ...regionOf(input),
      ContainerGroupId,
      ContainerName,
      Command,
      Sync: true,
      TTY: false,
    },
    call,
  );
  return { output: answer.SyncResponse ?? "" };
}
