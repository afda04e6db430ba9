// A real HTTP proxy for the tests: Debian's tinyproxy on a free 127.0.0.1 port, with its own
// configuration in a temporary folder, in the foreground (-d) with its log on stdout. The
// log shows every request it was asked to carry ("CONNECT 127.0.0.1:4431",
// "POST http://127.0.0.1:8080/?…"), which is how a test knows the proxy saw a call.
import { type ChildProcess, spawn } from "node:child_process";
import { once } from "node:events";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { ensureTool, TINYPROXY } from "./system-tools.js";

export interface Tinyproxy {
  /** `http://127.0.0.1:<port>` (with `user:password@` when it asks for credentials) */
  url: string;
  /** `127.0.0.1:<port>`, as errors name it */
  host: string;
  port: number;
  /** the request lines it was asked to carry, in order: `CONNECT 127.0.0.1:4431` */
  requests(): string[];
  /** Resolves once a request line matching `pattern` is in the log (rejects after 5 s). */
  seen(pattern: RegExp): Promise<string>;
  stop(): Promise<void>;
}

export interface TinyproxyOptions {
  /** `BasicAuth user password`: the proxy then refuses requests without them (407) */
  auth?: { user: string; password: string };
}

export async function startTinyproxy(options: TinyproxyOptions = {}): Promise<Tinyproxy> {
  const binary = ensureTool(TINYPROXY);
  const dir = await mkdtemp(join(tmpdir(), "alicloud-eci-tinyproxy-"));
  // a port another process takes between our check and tinyproxy's bind: try another
  for (let tries = 1; ; tries++) {
    const port = await freePort();
    const config = [
      `Port ${port}`,
      "Listen 127.0.0.1",
      "Allow 127.0.0.1",
      "Timeout 30",
      "MaxClients 20",
      "LogLevel Info", // Info: the line that says it accepts connections, and every request
      // no ConnectPort line: CONNECT to any port (Debian's own config allows 443 and 563 only)
      ...(options.auth ? [`BasicAuth ${options.auth.user} ${options.auth.password}`] : []),
    ];
    await writeFile(join(dir, "tinyproxy.conf"), `${config.join("\n")}\n`);
    const child = spawn(binary, ["-d", "-c", join(dir, "tinyproxy.conf")], {
      stdio: ["ignore", "pipe", "pipe"],
    });
    try {
      const log = await started(child);
      return handle(child, log, port, dir, options);
    } catch (error) {
      child.kill();
      if (tries >= 3) {
        await rm(dir, { recursive: true, force: true });
        throw error;
      }
    }
  }
}

function handle(
  child: ChildProcess,
  log: { text: string },
  port: number,
  dir: string,
  options: TinyproxyOptions,
): Tinyproxy {
  const host = `127.0.0.1:${port}`;
  const credentials = options.auth
    ? `${encodeURIComponent(options.auth.user)}:${encodeURIComponent(options.auth.password)}@`
    : "";
  const requests = () =>
    [...log.text.matchAll(/Request \(file descriptor \d+\): (\S+ \S+)/g)].map(
      (m) => m[1] as string,
    );
  return {
    url: `http://${credentials}${host}`,
    host,
    port,
    requests,
    seen: (pattern) =>
      new Promise((resolve, reject) => {
        // a request that never comes fails the test in seconds, showing what did come
        const timer = setTimeout(() => {
          child.stdout?.off("data", look);
          reject(
            new Error(
              `tinyproxy was asked for no ${pattern}; it was asked for:\n${requests().join("\n")}`,
            ),
          );
        }, 5000);
        const look = () => {
          const line = requests().find((r) => pattern.test(r));
          if (line === undefined) return false;
          child.stdout?.off("data", look);
          clearTimeout(timer);
          resolve(line);
          return true;
        };
        if (!look()) child.stdout?.on("data", look);
      }),
    async stop() {
      if (child.exitCode === null) {
        child.kill();
        await once(child, "exit");
      }
      await rm(dir, { recursive: true, force: true });
    },
  };
}

/** The log, once tinyproxy accepts connections; rejects with what it said if it exits first. */
function started(child: ChildProcess): Promise<{ text: string }> {
  const log = { text: "" };
  return new Promise((resolve, reject) => {
    const read = (chunk: Buffer) => {
      log.text += chunk.toString();
      if (log.text.includes("Accepting connections")) resolve(log);
    };
    child.stdout?.on("data", read);
    child.stderr?.on("data", read);
    child.once("error", reject);
    child.once("exit", (code) => reject(new Error(`tinyproxy exited (${code}):\n${log.text}`)));
  });
}

async function freePort(): Promise<number> {
  const server = createServer().listen(0, "127.0.0.1");
  await once(server, "listening");
  const { port } = server.address() as { port: number };
  server.close();
  await once(server, "close");
  return port;
}
