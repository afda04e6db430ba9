// The commands the fake's shell runs itself: shell builtins and the few tools one-liners use
// (seq, sleep, date, hostname…). Each is a generator because `sleep` pauses the script.
import { type Pause, ShellExit, type ShellScope } from "./types.js";

/** A command: its exit status, or a generator when it pauses (`sleep`). */
type Command = (sh: ShellScope, args: string[]) => number | Generator<Pause, number>;

/** `sleep 1`, `sleep 0.5`, `sleep 2m`, `sleep infinity`, in ms (undefined: not a duration). */
export function duration(arg: string | undefined): number | undefined {
  if (arg === "infinity" || arg === "inf") return Number.POSITIVE_INFINITY;
  const m = /^(\d+(?:\.\d+)?|\.\d+)([smhd]?)$/.exec(arg ?? "");
  if (!m) return undefined;
  const unit = { "": 1, s: 1, m: 60, h: 3600, d: 86_400 }[m[2] as "" | "s" | "m" | "h" | "d"];
  return Math.round(Number(m[1]) * unit * 1000);
}

/** `\n`, `\t`, `\\` as echo -e and printf read them. */
const backslashes = (s: string) =>
  s.replace(/\\([nt\\])/g, (_, c: string) => (c === "n" ? "\n" : c === "t" ? "\t" : "\\"));

function printf(format: string, args: string[]): string {
  let out = "";
  const rest = [...args];
  // the format is reused while arguments remain, as printf does
  do {
    let used = false;
    out += backslashes(format).replace(/%([sdi%])/g, (_, f: string) => {
      if (f === "%") return "%";
      used = true;
      const arg = rest.shift() ?? "";
      return f === "s" ? arg : String(Math.trunc(Number(arg) || 0));
    });
    if (!used) break;
  } while (rest.length > 0);
  return out;
}

/** `test` / `[`: numbers, strings, -z / -n; files never exist except / and /tmp. */
function test(args: string[]): boolean {
  if (args[0] === "!") return !test(args.slice(1));
  if (args.length === 0) return false;
  if (args.length === 1) return args[0] !== "";
  if (args.length === 2) {
    const [op, v = ""] = args;
    if (op === "-z") return v === "";
    if (op === "-n") return v !== "";
    if (op === "-d" || op === "-e") return v === "/" || v === "/tmp";
    return false;
  }
  const [a = "", op, b = ""] = args;
  const x = Number(a);
  const y = Number(b);
  switch (op) {
    case "=":
    case "==":
      return a === b;
    case "!=":
      return a !== b;
    case "-eq":
      return x === y;
    case "-ne":
      return x !== y;
    case "-lt":
      return x < y;
    case "-le":
      return x <= y;
    case "-gt":
      return x > y;
    case "-ge":
      return x >= y;
    default:
      return false;
  }
}

/** `date` as busybox prints it in UTC, or `date +%s`. */
function date(now: number, args: string[]): string {
  const format = args.find((a) => a.startsWith("+"));
  if (format === "+%s") return `${Math.floor(now / 1000)}\n`;
  const d = new Date(now);
  const [wd, day, mon, year, time] = d.toUTCString().replace(",", "").split(" ");
  return `${wd} ${mon} ${String(Number(day)).padStart(2, " ")} ${time} UTC ${year}\n`;
}

const COMMANDS: Record<string, Command> = {
  echo(sh, args) {
    let newline = true;
    let escapes = false;
    while (args[0] === "-n" || args[0] === "-e") {
      if (args[0] === "-n") newline = false;
      else escapes = true;
      args = args.slice(1);
    }
    const text = args.join(" ");
    sh.write(`${escapes ? backslashes(text) : text}${newline ? "\n" : ""}`);
    return 0;
  },
  printf(sh, [format = "", ...args]) {
    sh.write(printf(format, args));
    return 0;
  },
  seq(sh, args) {
    const n = args.map(Number);
    if (n.length === 0 || n.length > 3 || n.some((v) => !Number.isFinite(v))) {
      sh.write("seq: invalid argument\n", 2);
      return 1;
    }
    const [first, step, last] =
      n.length === 1 ? [1, 1, n[0]] : n.length === 2 ? [n[0], 1, n[1]] : [n[0], n[1], n[2]];
    const lines: string[] = [];
    for (
      let v = first as number;
      (step as number) > 0 ? v <= (last as number) : v >= (last as number);
      v += step as number
    ) {
      lines.push(String(v));
      if (step === 0 || lines.length > 1_000_000) break;
    }
    if (lines.length) sh.write(`${lines.join("\n")}\n`);
    return 0;
  },
  *sleep(sh, [arg]) {
    const ms = duration(arg);
    if (ms === undefined) {
      sh.write(`sleep: invalid number '${arg ?? ""}'\n`, 2);
      return 1;
    }
    if (ms > 0) yield { sleepMs: ms };
    return 0;
  },
  true: () => 0,
  ":": () => 0,
  false: () => 1,
  exit(sh, [code]): never {
    throw new ShellExit(code === undefined ? sh.status : Math.trunc(Number(code)) & 255);
  },
  test: (_, args) => (test(args) ? 0 : 1),
  "[": (_, args) => (test(args[args.length - 1] === "]" ? args.slice(0, -1) : args) ? 0 : 1),
  cd(sh, [dir = "/root"]) {
    sh.vars.set("PWD", dir.startsWith("/") ? dir : `${sh.vars.get("PWD") ?? "/"}/${dir}`);
    return 0;
  },
  pwd(sh) {
    sh.write(`${sh.vars.get("PWD") ?? sh.host.cwd}\n`);
    return 0;
  },
  hostname(sh) {
    sh.write(`${sh.vars.get("HOSTNAME") ?? ""}\n`);
    return 0;
  },
  whoami(sh) {
    sh.write("root\n");
    return 0;
  },
  env(sh) {
    sh.write(
      `${Object.entries(sh.host.env)
        .map(([k, v]) => `${k}=${v}`)
        .join("\n")}\n`,
    );
    return 0;
  },
  cat(sh, [file]) {
    if (file === "/etc/hostname") {
      sh.write(`${sh.vars.get("HOSTNAME") ?? ""}\n`);
      return 0;
    }
    if (file === undefined) return 0;
    sh.write(`cat: can't open '${file}': No such file or directory\n`, 2);
    return 1;
  },
  ls(sh) {
    sh.write("bin\ndev\netc\nhome\nproc\nroot\nsys\ntmp\nusr\nvar\n");
    return 0;
  },
  date(sh, args) {
    sh.write(date(sh.host.now(), args));
    return 0;
  },
};

/** The builtin `name` run with `args`, or undefined when it is not one. */
export function builtin(
  sh: ShellScope,
  name: string,
  args: string[],
): Generator<Pause, number> | undefined {
  const command = Object.hasOwn(COMMANDS, name) ? COMMANDS[name] : undefined;
  return command ? settle(command(sh, args)) : undefined;
}

function* settle(result: number | Generator<Pause, number>): Generator<Pause, number> {
  return typeof result === "number" ? result : yield* result;
}
