// What a container's main process and its exec commands do: `sh -c` scripts run in the fake's
// shell on the fake's clock (each line lands in the log when the script prints it), servers
// print their start-up lines and keep running, and curl/wget to a server of the same group
// write an access line in its log, as nginx does.
import type { ImageConfig, RunOutcome } from "../images.js";
import {
  lineWriter,
  type Program,
  runOnClock,
  runSync,
  type SyncResult,
} from "../shell/process.js";
import type { ShellHost } from "../shell/run.js";
import type { ContainerGroupRecord, ContainerRecord } from "../state.js";
import type { ActionContext } from "./context.js";

const SHELLS = new Set(["sh", "bash", "ash"]);
const base = (path: string) => path.slice(path.lastIndexOf("/") + 1);
/** The fake keeps this many lines per run, as a node's log rotation would. */
const MAX_LOG_LINES = 50_000;
/** How long a Sync exec may run (script time) before the answer is cut. */
const SYNC_BUDGET_MS = 10_000;

/** `{ script }` for `sh -c "…"`, else the argv itself. */
export function programOf(argv: string[]): Program {
  const [name = "", flag, script] = argv;
  // the images' entrypoint scripts end with `exec "$@"`: what follows them is the process
  if (name.endsWith("docker-entrypoint.sh") && argv.length > 1) return programOf(argv.slice(1));
  return SHELLS.has(base(name)) && flag === "-c" && script !== undefined ? { script } : { argv };
}

function hasBinary(image: ImageConfig, name: string): boolean {
  return !image.binaries || image.binaries.includes(name) || image.binaries.includes(base(name));
}

/** nginx's access log line (combined format plus `$http_x_forwarded_for`). */
function accessLine(at: number, agent: string): string {
  const d = new Date(at);
  const mon = d.toUTCString().split(" ")[2];
  const pad = (n: number) => String(n).padStart(2, "0");
  const when = `${pad(d.getUTCDate())}/${mon}/${d.getUTCFullYear()}:${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())} +0000`;
  return `127.0.0.1 - - [${when}] "GET / HTTP/1.1" 200 615 "-" "${agent}" "-"`;
}

/** curl / wget to a port of the group: the server that listens there logs the request. */
function request(
  context: ActionContext,
  group: ContainerGroupRecord,
  argv: string[],
  at: number,
  write: (text: string) => void,
): number {
  const tool = base(argv[0] ?? "");
  const url = argv.slice(1).find((a) => !a.startsWith("-")) ?? "";
  const m = /^(?:https?:\/\/)?(localhost|127\.0\.0\.1|[\d.]+)(?::(\d+))?/.exec(url);
  const port = Number(m?.[2] ?? 80);
  const local = m && (m[1] === "localhost" || m[1] === "127.0.0.1" || m[1] === group.IntranetIp);
  const server = local
    ? group.containers.find(
        (c) =>
          c.state.state === "Running" &&
          (context.images.get(c.image).ports ?? []).includes(port) &&
          context.images.get(c.image).log !== undefined,
      )
    : undefined;
  if (!server) {
    write(
      tool === "curl"
        ? `curl: (7) Failed to connect to ${m?.[1] ?? url} port ${port}: Connection refused\n`
        : `wget: can't connect to remote host: Connection refused\n`,
    );
    return tool === "curl" ? 7 : 1;
  }
  appendLog(server.log, at, accessLine(at, tool === "curl" ? "curl/8.5.0" : "Wget"));
  if (!argv.includes("-I"))
    write("<!DOCTYPE html>\n<html>\n<head>\n<title>Welcome to nginx!</title>\n</head>\n</html>\n");
  return 0;
}

function appendLog(log: ContainerRecord["log"], at: number, line: string): void {
  log.push({ at, line });
  if (log.length > MAX_LOG_LINES) log.splice(0, log.length - MAX_LOG_LINES);
}

/** The shell's view of container `c`: its environment, image and neighbours. */
function hostOf(
  context: ActionContext,
  group: ContainerGroupRecord,
  c: ContainerRecord,
  write: (text: string) => void,
) {
  const image = context.images.get(c.image);
  return (now: () => number): ShellHost => ({
    write,
    now,
    env: {
      HOSTNAME: group.ContainerGroupName,
      PATH: "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin",
      ...Object.fromEntries(c.env.map((e) => [e.Key, e.Value])),
    },
    cwd: c.start.workingDir,
    has: (name) => hasBinary(image, name),
    external(argv, out) {
      const name = base(argv[0] ?? "");
      if (name === "curl" || name === "wget") return request(context, group, argv, now(), out);
      // the image's own server (nginx, redis-server…): its start-up lines, then it runs on
      const server = [image.entrypoint?.[0], image.cmd?.[0]].some((s) => s && base(s) === name);
      if (server) for (const line of image.log ?? []) out(`${line}\n`);
      return "blocks";
    },
  });
}

/**
 * Starts the main process of `c` at `at`. A `sh -c` script runs step by step on the fake's
 * clock; any other command writes `outcome`'s lines at once and exits after its time.
 * `running()` says whether this run is still the container's current one.
 */
export function launchProcess(
  context: ActionContext,
  group: ContainerGroupRecord,
  c: ContainerRecord,
  at: number,
  outcome: Extract<RunOutcome, { kind: "runs" | "exits" }>,
  running: () => boolean,
  onExit: (code: number, at: number) => void,
): void {
  const program = programOf([...c.start.command, ...c.start.args]);
  if (!("script" in program)) {
    c.log = outcome.output.map((line) => ({ at, line }));
    if (outcome.kind === "exits") {
      context.clock.schedule(at + outcome.afterMs, (end) => {
        if (running()) onExit(outcome.code, end);
      });
    }
    return;
  }
  const log: ContainerRecord["log"] = [];
  c.log = log;
  let time = at;
  const out = lineWriter((line) => appendLog(log, time, line));
  runOnClock(hostOf(context, group, c, out.write), program, {
    at,
    schedule: (when, step) => context.clock.schedule(when, step),
    alive: running,
    onTime: (when) => {
      time = when;
    },
    onExit: (code, end) => {
      out.flush();
      onExit(code, end);
    },
  });
}

/** Runs an exec command in `c` at once (ExecContainerCommand with Sync). */
export function execSync(
  context: ActionContext,
  group: ContainerGroupRecord,
  c: ContainerRecord,
  argv: string[],
): SyncResult {
  const image = context.images.get(c.image);
  const [name = ""] = argv;
  if (!hasBinary(image, name)) {
    return {
      output: `OCI runtime exec failed: exec failed: unable to start container process: exec: "${name}": executable file not found in $PATH: unknown\r\n`,
      exitCode: 126,
    };
  }
  return runSync(
    hostOf(context, group, c, () => {}),
    context.now,
    programOf(argv),
    SYNC_BUDGET_MS,
  );
}
