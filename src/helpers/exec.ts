// One-shot commands in a running container: ExecContainerCommand with Sync, the output in the answer.
// The code is in exec-run.ts, loaded on the first call: importing the package stays fast
// (docs/performance.md, cold import) for the many programs that never call it.
import type { EciClient } from "../../generated/eci.client.js";
import type { CallOptions } from "../core/client.js";

import type { ExecInput, ExecResult } from "./exec-run.js";

export type { ExecInput, ExecResult } from "./exec-run.js";

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
  return (await import("./exec-run.js")).execInContainer(eci, input, call);
}
