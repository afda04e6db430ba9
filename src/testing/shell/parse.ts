// Parses the subset of POSIX sh that container start commands and exec one-liners use:
// simple commands with assignments, `;` / newlines / `&&` / `||`, `for … in …; do …; done`,
// `while` / `until`, `if … then … elif … else … fi`, quotes, `$var`, `${var}`, `$?`,
// `$(…)` / backticks, `$((…))` and redirections to /dev/null or another fd (`>/dev/null`,
// `2>&1`; there are no files, so output sent to one is dropped). Pipes, globs and functions
// are not modelled.

/** A piece of a word; `q` is true inside double quotes (no field splitting). */
export type Part =
  | { t: "lit"; v: string; q: boolean }
  | { t: "var"; name: string; q: boolean }
  | { t: "sub"; body: List; q: boolean }
  | { t: "arith"; expr: string; q: boolean };

export type Word = Part[];

/** Where output of `fd` goes: dropped (`/dev/null`, any file) or to another fd (`2>&1`). */
export interface Redirect {
  fd: number;
  to: "drop" | number;
}

export type Node =
  | { kind: "cmd"; assigns: { name: string; value: Word }[]; words: Word[]; redirects: Redirect[] }
  | { kind: "for"; name: string; items: Word[]; body: List }
  | { kind: "while"; until: boolean; cond: List; body: List }
  | { kind: "if"; branches: { cond: List; body: List }[]; otherwise?: List };

/** Commands joined by `&&` / `||` (`op` joins an item to the one before it). */
export interface AndOr {
  items: { op: "&&" | "||" | undefined; node: Node }[];
}

export type List = AndOr[];

/** A script the fake cannot run; its message reads like the shell's own. */
export class ShellSyntaxError extends Error {
  override name = "ShellSyntaxError";
}

type Token = { op: string } | { word: Word; raw: string } | { redir: { fd: number; op: string } };

const OPERATORS = ["&&", "||", ";;", ";", "\n", "&", "|", "(", ")"];
const KEYWORDS = new Set(["do", "done", "then", "elif", "else", "fi", "in"]);

/** Parses a whole script. */
export function parseScript(source: string): List {
  const parser = new Parser(tokenize(source));
  const list = parser.list(new Set());
  if (!parser.done()) throw new ShellSyntaxError(`sh: syntax error near ${parser.peekText()}`);
  return list;
}

/** Index just past the `)` that closes the `(` before `i`, skipping quotes and nesting. */
function closing(src: string, i: number, open = "(", close = ")"): number {
  let depth = 1;
  while (i < src.length) {
    const ch = src[i] as string;
    if (ch === "\\") i += 2;
    else if (ch === "'") i = src.indexOf("'", i + 1) + 1 || src.length;
    else if (ch === '"') {
      i++;
      while (i < src.length && src[i] !== '"') i += src[i] === "\\" ? 2 : 1;
      i++;
    } else {
      if (ch === open) depth++;
      else if (ch === close && --depth === 0) return i + 1;
      i++;
    }
  }
  throw new ShellSyntaxError(`sh: syntax error: unterminated ${open}`);
}

/** Reads a `$…` expansion at `i` (the `$`); returns the part and the index after it. */
function dollar(src: string, i: number, q: boolean): [Part, number] {
  const next = src[i + 1];
  if (src.startsWith("$((", i)) {
    const end = closing(src, i + 3);
    if (src[end] !== ")") throw new ShellSyntaxError("sh: syntax error: bad arithmetic");
    return [{ t: "arith", expr: src.slice(i + 3, end - 1), q }, end + 1];
  }
  if (next === "(") {
    const end = closing(src, i + 2);
    return [{ t: "sub", body: parseScript(src.slice(i + 2, end - 1)), q }, end];
  }
  if (next === "{") {
    const end = src.indexOf("}", i);
    if (end < 0) throw new ShellSyntaxError("sh: syntax error: bad substitution");
    return [{ t: "var", name: src.slice(i + 2, end), q }, end + 1];
  }
  const name = /^([A-Za-z_][A-Za-z0-9_]*|[0-9?#@*$!])/.exec(src.slice(i + 1))?.[1];
  if (!name) return [{ t: "lit", v: "$", q }, i + 1];
  return [{ t: "var", name, q }, i + 1 + name.length];
}

function tokenize(src: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < src.length) {
    const ch = src[i] as string;
    if (ch === " " || ch === "\t" || ch === "\r") {
      i++;
      continue;
    }
    if (ch === "\\" && src[i + 1] === "\n") {
      i += 2;
      continue;
    }
    if (ch === "#") {
      while (i < src.length && src[i] !== "\n") i++;
      continue;
    }
    const redir = /^(\d?)(>>|>&|>|<)/.exec(src.slice(i, i + 4));
    if (redir) {
      const op = redir[2] as string;
      tokens.push({ redir: { fd: redir[1] ? Number(redir[1]) : op === "<" ? 0 : 1, op } });
      i += redir[0].length;
      continue;
    }
    const op = OPERATORS.find((o) => src.startsWith(o, i));
    if (op) {
      tokens.push({ op });
      i += op.length;
      continue;
    }
    const start = i;
    const word: Word = [];
    const lit = (v: string, q: boolean) => {
      const last = word[word.length - 1];
      if (last?.t === "lit" && last.q === q) last.v += v;
      else word.push({ t: "lit", v, q });
    };
    while (i < src.length) {
      const c = src[i] as string;
      if (" \t\r\n;&|()<>".includes(c)) break;
      if (c === "\\") {
        lit(src[i + 1] ?? "", true);
        i += 2;
      } else if (c === "'") {
        const end = src.indexOf("'", i + 1);
        if (end < 0) throw new ShellSyntaxError("sh: syntax error: unterminated quoted string");
        lit(src.slice(i + 1, end), true);
        i = end + 1;
      } else if (c === '"') {
        i++;
        lit("", true); // "" is an (empty) argument of its own
        while (i < src.length && src[i] !== '"') {
          const d = src[i] as string;
          if (d === "\\" && '$`"\\\n'.includes(src[i + 1] ?? "")) {
            lit(src[i + 1] as string, true);
            i += 2;
          } else if (d === "$") {
            const [part, end] = dollar(src, i, true);
            word.push(part);
            i = end;
          } else if (d === "`") {
            const end = src.indexOf("`", i + 1);
            word.push({ t: "sub", body: parseScript(src.slice(i + 1, end)), q: true });
            i = end + 1;
          } else {
            lit(d, true);
            i++;
          }
        }
        if (src[i] !== '"')
          throw new ShellSyntaxError("sh: syntax error: unterminated quoted string");
        i++;
      } else if (c === "$") {
        const [part, end] = dollar(src, i, false);
        word.push(part);
        i = end;
      } else if (c === "`") {
        const end = src.indexOf("`", i + 1);
        if (end < 0) throw new ShellSyntaxError("sh: syntax error: unterminated `");
        word.push({ t: "sub", body: parseScript(src.slice(i + 1, end)), q: false });
        i = end + 1;
      } else {
        lit(c, false);
        i++;
      }
    }
    tokens.push({ word, raw: src.slice(start, i) });
  }
  return tokens;
}

class Parser {
  private i = 0;
  constructor(private readonly tokens: Token[]) {}

  done(): boolean {
    return this.i >= this.tokens.length;
  }

  peekText(): string {
    const t = this.tokens[this.i];
    if (!t) return "end of file";
    if ("redir" in t) return `"${t.redir.op}"`;
    return `"${"op" in t ? t.op.replace("\n", "\\n") : t.raw}"`;
  }

  /** The keyword at the cursor, if the token is one (an unquoted plain word). */
  private keyword(): string | undefined {
    const t = this.tokens[this.i];
    return t && "raw" in t && /^[a-z]+$/.test(t.raw) ? t.raw : undefined;
  }

  private isOp(op: string): boolean {
    const t = this.tokens[this.i];
    return t !== undefined && "op" in t && t.op === op;
  }

  private skipNewlines(): void {
    while (this.isOp("\n")) this.i++;
  }

  private expectKeyword(word: string): void {
    this.skipSeparators();
    if (this.keyword() !== word)
      throw new ShellSyntaxError(`sh: syntax error: expected "${word}" near ${this.peekText()}`);
    this.i++;
  }

  private skipSeparators(): void {
    while (this.isOp("\n") || this.isOp(";")) this.i++;
  }

  /** Commands until one of `stop` (a keyword), `)` or the end. */
  list(stop: Set<string>): List {
    const list: List = [];
    for (;;) {
      this.skipSeparators();
      const kw = this.keyword();
      if (this.done() || this.isOp(")") || (kw !== undefined && stop.has(kw))) return list;
      list.push(this.andOr());
      if (this.isOp("&")) this.i++; // background jobs run in the foreground here
    }
  }

  private andOr(): AndOr {
    const items: AndOr["items"] = [{ op: undefined, node: this.command() }];
    while (this.isOp("&&") || this.isOp("||")) {
      const op = (this.tokens[this.i] as { op: "&&" | "||" }).op;
      this.i++;
      this.skipNewlines();
      items.push({ op, node: this.command() });
    }
    return { items };
  }

  private command(): Node {
    const kw = this.keyword();
    if (kw === "for") return this.forLoop();
    if (kw === "while" || kw === "until") return this.whileLoop(kw === "until");
    if (kw === "if") return this.ifClause();
    if (kw !== undefined && KEYWORDS.has(kw))
      throw new ShellSyntaxError(`sh: syntax error: unexpected "${kw}"`);
    const assigns: { name: string; value: Word }[] = [];
    const words: Word[] = [];
    const redirects: Redirect[] = [];
    for (;;) {
      const t = this.tokens[this.i];
      if (!t || "op" in t) {
        if (t && ["|", "(", ";;"].includes(t.op))
          throw new ShellSyntaxError(`sh: "${t.op}" is not supported by the fake's shell`);
        break;
      }
      this.i++;
      if ("redir" in t) {
        const target = this.tokens[this.i++];
        if (!target || !("raw" in target))
          throw new ShellSyntaxError(`sh: syntax error: "${t.redir.op}" without a target`);
        const to = t.redir.op === ">&" && /^\d$/.test(target.raw) ? Number(target.raw) : "drop";
        if (t.redir.op !== "<") redirects.push({ fd: t.redir.fd, to });
        continue;
      }
      const first = t.word[0];
      const m = first?.t === "lit" && !first.q ? /^([A-Za-z_][A-Za-z0-9_]*)=/.exec(first.v) : null;
      if (m && words.length === 0 && first?.t === "lit") {
        const rest = first.v.slice(m[0].length);
        const value: Word = [...(rest ? [{ ...first, v: rest }] : []), ...t.word.slice(1)];
        assigns.push({ name: m[1] as string, value });
      } else {
        words.push(t.word);
      }
    }
    if (!assigns.length && !words.length && !redirects.length)
      throw new ShellSyntaxError(`sh: syntax error near ${this.peekText()}`);
    return { kind: "cmd", assigns, words, redirects };
  }

  private forLoop(): Node {
    this.i++;
    const t = this.tokens[this.i];
    if (!t || !("raw" in t) || !/^[A-Za-z_][A-Za-z0-9_]*$/.test(t.raw))
      throw new ShellSyntaxError("sh: syntax error: bad for loop variable");
    this.i++;
    const items: Word[] = [];
    this.skipNewlines();
    if (this.keyword() === "in") {
      this.i++;
      for (let w = this.tokens[this.i]; w && "word" in w; w = this.tokens[this.i]) {
        items.push(w.word);
        this.i++;
      }
    }
    this.expectKeyword("do");
    const body = this.list(new Set(["done"]));
    this.expectKeyword("done");
    return { kind: "for", name: t.raw, items, body };
  }

  private whileLoop(until: boolean): Node {
    this.i++;
    const cond = this.list(new Set(["do"]));
    this.expectKeyword("do");
    const body = this.list(new Set(["done"]));
    this.expectKeyword("done");
    return { kind: "while", until, cond, body };
  }

  private ifClause(): Node {
    const branches: { cond: List; body: List }[] = [];
    let otherwise: List | undefined;
    this.i++;
    for (;;) {
      const cond = this.list(new Set(["then"]));
      this.expectKeyword("then");
      const body = this.list(new Set(["elif", "else", "fi"]));
      branches.push({ cond, body });
      this.skipSeparators();
      const kw = this.keyword();
      this.i++;
      if (kw === "elif") continue;
      if (kw === "else") {
        otherwise = this.list(new Set(["fi"]));
        this.expectKeyword("fi");
      } else if (kw !== "fi") throw new ShellSyntaxError('sh: syntax error: expected "fi"');
      return otherwise ? { kind: "if", branches, otherwise } : { kind: "if", branches };
    }
  }
}
