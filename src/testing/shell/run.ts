// Runs a parsed script as a generator: it writes output through `io` and yields a pause
// whenever the script sleeps, so whoever drives it decides what time is (the fake's clock
// for a container, an instant for a Sync exec). Nothing here reads the wall clock.
import { arithmetic } from "./arith.js";
import { builtin } from "./commands.js";
import type { List, Node, Word } from "./parse.js";
import { type Pause, ShellExit, type ShellHost, type ShellScope } from "./types.js";

type Sink = (text: string) => void;

export type { Pause, ShellHost };

/** A long loop with no pause yields one anyway (1 ms), so a busy loop cannot hang the fake. */
const STEPS_PER_PAUSE = 10_000;

/** One shell: its variables, last status and the output stack (`$(…)` captures). */
export class Shell implements ShellScope {
  readonly vars = new Map<string, string>();
  status = 0;
  private steps = 0;
  /** where fd 1 and fd 2 go now: the host, a `$(…)` capture, nowhere */
  private fds: Sink[];

  constructor(readonly host: ShellHost) {
    for (const [k, v] of Object.entries(host.env)) this.vars.set(k, v);
    const out: Sink = (text) => host.write(text);
    this.fds = [out, out, out]; // the log has stdout and stderr together, as the runtime's does
  }

  write = (text: string, fd = 1): void => {
    (this.fds[fd] ?? this.fds[1] ?? (() => {}))(text);
  };

  /** Runs a whole script; its result is the exit status. */
  *run(list: List): Generator<Pause, number> {
    try {
      return yield* this.list(list);
    } catch (thrown) {
      if (thrown instanceof ShellExit) return thrown.code;
      throw thrown;
    }
  }

  *list(list: List): Generator<Pause, number> {
    for (const andOr of list) {
      for (const { op, node } of andOr.items) {
        if (op === "&&" && this.status !== 0) continue;
        if (op === "||" && this.status === 0) continue;
        this.status = yield* this.node(node);
      }
    }
    return this.status;
  }

  private *node(node: Node): Generator<Pause, number> {
    if (++this.steps % STEPS_PER_PAUSE === 0) yield { sleepMs: 1 };
    switch (node.kind) {
      case "cmd":
        return yield* this.command(node);
      case "for": {
        const items = [];
        for (const w of node.items) items.push(...(yield* this.expand(w)));
        let status = 0;
        for (const item of items) {
          this.vars.set(node.name, item);
          status = yield* this.list(node.body);
        }
        return status;
      }
      case "while": {
        let status = 0;
        for (;;) {
          const cond = yield* this.list(node.cond);
          if ((cond === 0) === node.until) return status;
          status = yield* this.list(node.body);
          if (++this.steps % STEPS_PER_PAUSE === 0) yield { sleepMs: 1 };
        }
      }
      case "if": {
        for (const branch of node.branches) {
          if ((yield* this.list(branch.cond)) === 0) return yield* this.list(branch.body);
        }
        return node.otherwise ? yield* this.list(node.otherwise) : 0;
      }
    }
  }

  private *command(node: Extract<Node, { kind: "cmd" }>): Generator<Pause, number> {
    const argv: string[] = [];
    for (const w of node.words) argv.push(...(yield* this.expand(w)));
    for (const { name, value } of node.assigns) {
      this.vars.set(name, (yield* this.expand(value, false)).join(" "));
    }
    if (argv.length === 0) return 0;
    if (node.redirects.length === 0) return yield* this.exec(argv);
    const saved = this.fds;
    const fds = [...saved];
    for (const r of node.redirects)
      fds[r.fd] = r.to === "drop" ? () => {} : (fds[r.to] ?? (saved[1] as Sink));
    this.fds = fds;
    try {
      return yield* this.exec(argv);
    } finally {
      this.fds = saved;
    }
  }

  /** Runs one command by its argv: a builtin, else the image's executable. */
  *exec(argv: string[]): Generator<Pause, number> {
    const [name = ""] = argv;
    const base = name.slice(name.lastIndexOf("/") + 1);
    // the builtins (and busybox-style tools like seq) exist in every image the fake models
    const done = builtin(this, base, argv.slice(1));
    if (done !== undefined) return yield* done;
    if (!this.host.has(name)) {
      this.write(`sh: ${name}: not found\n`, 2);
      return 127;
    }
    const result = this.host.external ? this.host.external(argv, this.write) : "blocks";
    if (result === "blocks") {
      yield { sleepMs: Number.POSITIVE_INFINITY };
      return 0;
    }
    return result;
  }

  /** Expands a word into fields: unquoted `$x` and `$(…)` split on blanks. */
  *expand(word: Word, split = true): Generator<Pause, string[]> {
    const fields: string[] = [];
    let current: string | undefined;
    const add = (text: string, quoted: boolean) => {
      if (quoted || !split) {
        current = (current ?? "") + text;
        return;
      }
      const pieces = text.split(/[ \t\n]+/);
      pieces.forEach((piece, i) => {
        if (i > 0) {
          if (current !== undefined && current !== "") fields.push(current);
          current = undefined;
        }
        if (piece !== "") current = (current ?? "") + piece;
      });
    };
    for (const part of word) {
      if (part.t === "lit") {
        // a literal is never split, and even an empty quoted one makes a field
        current = (current ?? "") + part.v;
      } else if (part.t === "var") {
        add(this.variable(part.name), part.q);
      } else if (part.t === "arith") {
        add(String(arithmetic(part.expr, (n) => this.variable(n))), part.q);
      } else {
        add((yield* this.capture(part.body)).replace(/\n+$/, ""), part.q);
      }
    }
    if (current !== undefined) fields.push(current);
    return fields;
  }

  /** Runs `$(…)`: its output is captured instead of written. */
  private *capture(body: List): Generator<Pause, string> {
    let out = "";
    const saved = this.fds;
    this.fds = [
      saved[0] as Sink,
      (text) => {
        out += text;
      },
      saved[2] as Sink,
    ];
    try {
      yield* this.list(body);
    } finally {
      this.fds = saved;
    }
    return out;
  }

  private variable(name: string): string {
    if (name === "?") return String(this.status);
    if (name === "$") return "1";
    if (name === "#") return "0";
    return this.vars.get(name) ?? "";
  }
}
