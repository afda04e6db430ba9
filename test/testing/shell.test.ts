// The fake's shell: the sh subset of start commands and exec one-liners, run on a clock
// the test controls (no real sleeps).
import { describe, expect, it } from "vitest";
import { lineWriter, type Program, runOnClock, runSync } from "../../src/testing/shell/process.js";
import type { ShellHost } from "../../src/testing/shell/run.js";

const host =
  (write: (text: string) => void = () => {}, binaries?: string[]) =>
  (now: () => number): ShellHost => ({
    write,
    now,
    env: { HOSTNAME: "web", PATH: "/bin" },
    cwd: "/",
    has: (name) => !binaries || binaries.includes(name),
  });

const sync = (script: string) => runSync(host(), 0, { script }, 10_000);

/** Runs a program on a tiny manual clock until nothing is scheduled; lines with their times. */
function onClock(program: Program) {
  const tasks: { at: number; run: (at: number) => void }[] = [];
  const lines: { at: number; line: string }[] = [];
  let now = 0;
  let exit: { code: number; at: number } | undefined;
  const out = lineWriter((line) => lines.push({ at: now, line }));
  runOnClock(host(out.write), program, {
    at: 0,
    schedule: (at, run) => tasks.push({ at, run }),
    alive: () => true,
    onTime: (at) => {
      now = at;
    },
    onExit: (code, at) => {
      out.flush();
      exit = { code, at };
    },
  });
  while (tasks.length) {
    tasks.sort((a, b) => a.at - b.at);
    const task = tasks.shift() as (typeof tasks)[number];
    task.run(task.at);
  }
  return { lines, exit };
}

describe("the fake's shell", () => {
  it("prints a counter a line a second and exits 0 after the last sleep", () => {
    const { lines, exit } = onClock({
      script: "for i in $(seq 1 60); do echo line-$i; sleep 1; done",
    });
    expect(lines).toHaveLength(60);
    expect(lines[0]).toEqual({ at: 0, line: "line-1" });
    expect(lines[59]).toEqual({ at: 59_000, line: "line-60" });
    expect(exit).toEqual({ code: 0, at: 60_000 });
  });

  it("runs while loops with arithmetic, && / || and exit codes", () => {
    const { lines, exit } = onClock({
      script:
        'i=0\nwhile [ "$i" -lt 3 ]; do\n  i=$((i + 1)); echo "tick $i"; sleep 2\ndone\nfalse || echo fell back && exit 3',
    });
    expect(lines.map((l) => `${l.at} ${l.line}`)).toEqual([
      "0 tick 1",
      "2000 tick 2",
      "4000 tick 3",
      "6000 fell back",
    ]);
    expect(exit).toEqual({ code: 3, at: 6000 });
  });

  it("answers one-shot commands at once: quotes, variables, if, printf, missing tools", () => {
    expect(sync("echo 'a  b' \"c $HOSTNAME\" d$((2*3))")).toEqual({
      output: "a  b c web d6\n",
      exitCode: 0,
    });
    expect(sync("if [ $(hostname) = web ]; then echo yes; else echo no; fi")).toEqual({
      output: "yes\n",
      exitCode: 0,
    });
    expect(
      runSync(host(), Date.UTC(2025, 0, 1, 0, 2, 13), { script: "date; date +%s" }, 0),
    ).toEqual({
      output: "Wed Jan  1 00:02:13 UTC 2025\n1735689733\n",
      exitCode: 0,
    });
    expect(sync('printf "%s=%d\\n" a 1 b 2')).toEqual({ output: "a=1\nb=2\n", exitCode: 0 });
    expect(runSync(host(undefined, ["sh"]), 0, { script: "curl localhost" }, 1000)).toEqual({
      output: "sh: curl: not found\n",
      exitCode: 127,
    });
    expect(sync("echo unterminated 'quote")).toEqual({
      output: "sh: syntax error: unterminated quoted string\n",
      exitCode: 2,
    });
  });

  it("redirects to /dev/null or another fd; $(…) captures stdout only", () => {
    expect(
      sync(
        'echo hidden >/dev/null; echo shown; cat /nope 2>/dev/null || echo missing; x=$(cat /nope); echo "[$x]"',
      ),
    ).toEqual({
      output: "shown\nmissing\ncat: can't open '/nope': No such file or directory\n[]\n",
      exitCode: 0,
    });
    expect(sync('y=$(cat /nope 2>&1); echo "<$y>"')).toEqual({
      output: "<cat: can't open '/nope': No such file or directory>\n",
      exitCode: 0,
    });
  });

  it("gives up on a Sync command that outlives its budget, with what it printed so far", () => {
    expect(sync("while true; do echo x; sleep 4; done")).toEqual({ output: "x\nx\nx\n" });
  });

  it("does not hang on a busy loop: it pauses 1 ms every 10,000 steps", () => {
    const result = runSync(host(), 0, { script: "while true; do :; done" }, 5);
    expect(result.exitCode).toBeUndefined();
  });
});
