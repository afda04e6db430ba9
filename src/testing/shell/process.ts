// Drives a script: on the fake's clock for a container's main process (each pause is a
// scheduled task, so `sleep 1` in a loop writes a line a second), or at once for a Sync exec.
import { parseScript, ShellSyntaxError } from "./parse.js";
import { type Pause, Shell, type ShellHost } from "./run.js";

/** The script of `sh -c "…"`, or `argv` as one command (no shell parsing). */
export type Program = { script: string } | { argv: string[] };

function* start(shell: Shell, program: Program): Generator<Pause, number> {
  if ("argv" in program) return yield* shell.exec(program.argv);
  let list: ReturnType<typeof parseScript>;
  try {
    list = parseScript(program.script);
  } catch (thrown) {
    if (!(thrown instanceof ShellSyntaxError)) throw thrown;
    shell.write(`${thrown.message}\n`);
    return 2;
  }
  return yield* shell.run(list);
}

/** Splits written text into lines; a line is complete at its `\n`, the rest waits (or `flush`). */
export function lineWriter(push: (line: string) => void): {
  write(text: string): void;
  flush(): void;
} {
  let partial = "";
  return {
    write(text) {
      const parts = (partial + text).split("\n");
      partial = parts.pop() ?? "";
      for (const line of parts) push(line);
    },
    flush() {
      if (partial) push(partial);
      partial = "";
    },
  };
}

/** What running on the clock needs from the fake. */
export interface ClockRun {
  /** when the process starts */
  at: number;
  schedule(at: number, run: (at: number) => void): void;
  /** false once the container was stopped, restarted or deleted: the process is gone */
  alive(): boolean;
  /** the time the script sees (set while a step runs) */
  onTime?(at: number): void;
  /** called once when the script ends, with its exit status */
  onExit(code: number, at: number): void;
}

/** Runs `program` in `host` on the fake's clock: each pause becomes a scheduled task. */
export function runOnClock(
  host: (now: () => number) => ShellHost,
  program: Program,
  run: ClockRun,
): void {
  let time = run.at;
  const steps = start(new Shell(host(() => time)), program);
  const step = (at: number) => {
    if (!run.alive()) return;
    time = at;
    run.onTime?.(at);
    const next = steps.next();
    if (next.done) {
      run.onExit(next.value, at);
      return;
    }
    const ms = next.value.sleepMs;
    if (Number.isFinite(ms)) run.schedule(at + Math.max(1, ms), step);
  };
  run.schedule(run.at, step); // after the caller has finished starting the container
}

/** What a Sync exec answers: the output, and the status unless the command outlived `budgetMs`. */
export interface SyncResult {
  output: string;
  exitCode?: number;
}

/** Runs `program` to its end at once, its pauses taking no real time; gives up after `budgetMs` of pauses. */
export function runSync(
  host: (now: () => number) => ShellHost,
  now: number,
  program: Program,
  budgetMs: number,
): SyncResult {
  let output = "";
  let slept = 0;
  const base = host(() => now + slept);
  const steps = start(
    new Shell({
      ...base,
      write: (text) => {
        output += text;
      },
    }),
    program,
  );
  for (;;) {
    const next = steps.next();
    if (next.done) return { output, exitCode: next.value };
    slept += next.value.sleepMs;
    if (slept > budgetMs) return { output };
  }
}
