// Starts bench/server/main.ts in a child process and hands back its two ports.
import { type ChildProcess, spawn } from "node:child_process";
import { once } from "node:events";
import { join } from "node:path";
import { createInterface } from "node:readline";
import { ROOT } from "./paths.js";

/** A running local server: the fixed-answer origin, the lazy-pages origin, and a stop switch. */
export interface LocalServer {
  fixedPort: number;
  pagesPort: number;
  fixedUrl: string;
  pagesUrl: string;
  stop(): Promise<void>;
}

export async function startServer(): Promise<LocalServer> {
  const child: ChildProcess = spawn(
    process.execPath,
    ["--import", "tsx", join(ROOT, "bench/server/main.ts")],
    { cwd: ROOT, stdio: ["ignore", "pipe", "inherit"] },
  );
  const lines = createInterface({ input: child.stdout as NodeJS.ReadableStream });
  const [line] = (await once(lines, "line")) as [string];
  lines.close();
  const { fixed, pages } = JSON.parse(line) as { fixed: number; pages: number };
  return {
    fixedPort: fixed,
    pagesPort: pages,
    fixedUrl: `http://127.0.0.1:${fixed}`,
    pagesUrl: `http://127.0.0.1:${pages}`,
    async stop() {
      if (child.exitCode !== null) return;
      const exited = once(child, "exit");
      child.kill("SIGTERM");
      await exited;
    },
  };
}
