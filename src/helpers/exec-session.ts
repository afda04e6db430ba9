// Interactive commands in a container: ExecContainerCommand without Sync answers a
// WebSocketUri that is valid for a short time; the session is a WebSocket to it. Any
// WebSocket works: the global one (browsers, Node 22+) or a constructor passed in (`ws`).
// The code is in exec-session-run.ts, loaded on the first call: importing the package stays fast
// (docs/performance.md, cold import) for the many programs that never call it.
import type { EciClient } from "../../generated/eci.client.js";

import type { ExecSession, ExecSessionInput, ExecSessionOptions } from "./exec-session-run.js";

export type {
  ExecSession,
  ExecSessionInput,
  ExecSessionOptions,
  SessionEnd,
  WebSocketConstructor,
  WebSocketLike,
} from "./exec-session-run.js";

/**
 * Starts a command in a running container with a session (ExecContainerCommand without
 * `Sync`) and connects to its WebSocketUri. A URI that expired before the connection
 * opened is replaced by a fresh one, once. A string `Command` runs in `sh -c`; by default
 * a terminal is allocated (`TTY: true`).
 *
 * @example
 * ```ts
 * const shell = await openExecSession(eci, { ContainerGroupId, ContainerName: "web", Command: ["sh"] });
 * shell.write("hostname\nexit\n");
 * for await (const chunk of shell) process.stdout.write(chunk);
 * ```
 */
export async function openExecSession(
  eci: Pick<EciClient, "execContainerCommand">,
  input: ExecSessionInput,
  options: ExecSessionOptions = {},
): Promise<ExecSession> {
  return (await import("./exec-session-run.js")).openExecSession(eci, input, options);
}
