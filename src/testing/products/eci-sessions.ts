// ExecContainerCommand without Sync: a session token behind a WebSocketUri, valid for 30 s
// on the fake's clock and usable once. `fake.listen()` serves the sessions on its port
// (session-server.ts, loaded with the server so node:crypto stays out of the rest): a
// shell reads lines and answers each (a prompt and echo with TTY); any other command runs
// once, sends its output and closes.
import type { FakeClock } from "../clock.js";
import type { ContainerGroupRecord, ContainerRecord } from "../state.js";
import type { WebSocketPeer } from "../ws-server.js";
import type { ActionContext } from "./context.js";
import { execSync } from "./eci-process.js";

/** How long a WebSocketUri may wait for its connection (the API documents 30 s). */
export const SESSION_TTL_MS = 30_000;

/** A session waiting for its connection. */
export interface Session {
  expiresAt: number;
  run(peer: WebSocketPeer): void;
}

/** Per fake (its clock outlives `fake.reset()`): the open tokens and where sessions are served. */
interface Registry {
  sessions: Map<string, Session>;
  endpoint?: () => string | undefined;
}
const registries = new WeakMap<FakeClock, Registry>();

function registry(clock: FakeClock): Registry {
  let found = registries.get(clock);
  if (!found) {
    found = { sessions: new Map() };
    registries.set(clock, found);
  }
  return found;
}

/** Tells the fake where its sessions are served (`fake.listen()`'s URL, while one runs). */
export function serveSessionsAt(clock: FakeClock, endpoint: () => string | undefined): void {
  registry(clock).endpoint = endpoint;
}

const SHELLS = new Set(["sh", "bash", "ash"]);

function runSession(
  context: ActionContext,
  group: ContainerGroupRecord,
  c: ContainerRecord,
  argv: string[],
  tty: boolean,
  peer: WebSocketPeer,
): void {
  const out = (text: string) => peer.send(tty ? text.replace(/\r?\n/g, "\r\n") : text);
  const name = argv[0] ?? "";
  const interactive = SHELLS.has(name.slice(name.lastIndexOf("/") + 1)) && argv.length === 1;
  if (!interactive) {
    out(execSync(context, group, c, argv).output);
    peer.close(1000, "exit");
    return;
  }
  const prompt = tty ? "/ # " : "";
  let pending = "";
  if (prompt) out(prompt);
  peer.onMessage((text) => {
    pending += text;
    for (let nl = pending.search(/\r?\n|\r/); nl >= 0; nl = pending.search(/\r?\n|\r/)) {
      const line = pending.slice(0, nl);
      pending = pending.slice(nl + (pending.startsWith("\r\n", nl) ? 2 : 1));
      if (tty) out(`${line}\n`);
      if (/^\s*exit(\s|$)/.test(line)) {
        peer.close(1000, "exit");
        return;
      }
      // each line runs in a fresh shell: variables do not carry over to the next line
      if (line.trim()) out(execSync(context, group, c, ["sh", "-c", line]).output);
      if (prompt) out(prompt);
    }
  });
}

/** Registers a session and answers its addresses (the fake's server when one listens). */
export function openSession(
  context: ActionContext,
  group: ContainerGroupRecord,
  c: ContainerRecord,
  argv: string[],
  tty: boolean,
): { WebSocketUri: string; HttpUrl: string } {
  const reg = registry(context.clock);
  const token = context.ids.hex(32);
  reg.sessions.set(token, {
    expiresAt: context.now + SESSION_TTL_MS,
    run: (peer) => runSession(context, group, c, argv, tty, peer),
  });
  const query = `containerGroupId=${group.ContainerGroupId}&container=${encodeURIComponent(c.name)}&token=${token}`;
  const served = reg.endpoint?.();
  const host = `eci-exec.${context.regionId}.aliyuncs.com`;
  return {
    WebSocketUri: served
      ? `${served.replace(/^http/, "ws")}/exec?${query}`
      : `wss://${host}/exec?${query}`,
    HttpUrl: served ? `${served}/exec?${query}` : `https://${host}/exec?${query}`,
  };
}

/** The session of `token`, used up: undefined when unknown, `"expired"` after its 30 s. */
export function takeSession(clock: FakeClock, token: string): Session | "expired" | undefined {
  const sessions = registry(clock).sessions;
  const session = sessions.get(token);
  if (!session) return undefined;
  sessions.delete(token); // a URI opens one session
  return clock.now() > session.expiresAt ? "expired" : session;
}
