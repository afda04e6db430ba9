// Reading the guides as data: which Markdown files are checked, their fenced code blocks
// (with the line each starts on) and their relative links, for the docs tests.
import { readdirSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

/** The repository root. */
export const root = join(dirname(fileURLToPath(import.meta.url)), "..", "..");

/** README.md and every docs/*.md (docs/api/ is typedoc's output and not read). */
export function markdownFiles(): string[] {
  const docs = readdirSync(join(root, "docs"))
    .filter((name) => name.endsWith(".md"))
    .sort()
    .map((name) => `docs/${name}`);
  return ["README.md", ...docs];
}

/** One fenced code block of a Markdown file. */
export interface CodeBlock {
  /** the file, relative to the repository root */
  file: string;
  /** 1-based line of the block's first code line (the line after the opening fence) */
  line: number;
  /** the info string's first word: `ts`, `sh`, `json`… (empty when none) */
  lang: string;
  /** the rest of the info string, e.g. `nocheck` */
  meta: string;
  /** the code, without the fences */
  code: string;
}

const FENCE = /^(\s*)(`{3,}|~{3,})\s*([^\s`]*)\s*(.*)$/;

/** Every fenced block of `file`, in order. Blocks may be indented (inside list items). */
export function codeBlocks(file: string): CodeBlock[] {
  const lines = readFileSync(join(root, file), "utf8").split("\n");
  const blocks: CodeBlock[] = [];
  for (let i = 0; i < lines.length; i++) {
    const open = FENCE.exec(lines[i] as string);
    if (!open) continue;
    const [, indent = "", fence = "```", lang = "", meta = ""] = open;
    const body: string[] = [];
    let j = i + 1;
    for (; j < lines.length; j++) {
      const text = lines[j] as string;
      if (text.trim().startsWith(fence) && text.trim().replace(/[`~]/g, "") === "") break;
      body.push(text.startsWith(indent) ? text.slice(indent.length) : text.trimStart());
    }
    blocks.push({ file, line: i + 2, lang, meta: meta.trim(), code: body.join("\n") });
    i = j;
  }
  return blocks;
}

/** One relative link of a Markdown file. */
export interface MarkdownLink {
  /** the file, relative to the repository root */
  file: string;
  /** 1-based line of the link */
  line: number;
  /** the target as written, e.g. `credentials.md#the-default-chain` or `../examples/quickstart.ts` */
  target: string;
}

/**
 * The relative links of `file` (`[text](target)`, `[id]: target`, `<a href>`), outside
 * code blocks and code spans. Links to other sites and mail addresses are left out.
 */
export function relativeLinks(file: string): MarkdownLink[] {
  const links: MarkdownLink[] = [];
  for (const [line, raw] of proseLines(file)) {
    const text = raw.replace(/`[^`]*`/g, "");
    const targets = [
      ...[...text.matchAll(/\]\(\s*<?([^)\s>]+)>?(?:\s+"[^"]*")?\s*\)/g)].map((m) => m[1]),
      ...[...text.matchAll(/^\s*\[[^\]]+\]:\s*(\S+)/g)].map((m) => m[1]),
      ...[...text.matchAll(/<a\s[^>]*href="([^"]+)"/g)].map((m) => m[1]),
    ];
    for (const target of targets) {
      if (!target || /^[a-z][a-z0-9+.-]*:/i.test(target)) continue; // https:, mailto:, …
      links.push({ file, line, target });
    }
  }
  return links;
}

/**
 * The anchors GitHub gives a Markdown file's headings: lower case, punctuation dropped,
 * spaces as dashes, `-1`, `-2`… for repeats.
 */
export function headingAnchors(file: string): Set<string> {
  const anchors = new Set<string>();
  const seen = new Map<string, number>();
  for (const [, text] of proseLines(file)) {
    const heading = /^#{1,6}\s+(.+?)\s*#*$/.exec(text);
    if (!heading) continue;
    const base = (heading[1] as string)
      .toLowerCase()
      .replace(/<[^>]+>/g, "")
      .replace(/[^\p{L}\p{M}\p{N}\p{Pc} -]/gu, "")
      .replace(/ /g, "-");
    const count = seen.get(base) ?? 0;
    seen.set(base, count + 1);
    anchors.add(count === 0 ? base : `${base}-${count}`);
  }
  return anchors;
}

/** The lines of `file` outside fenced code blocks, with their 1-based numbers. */
function proseLines(file: string): [line: number, text: string][] {
  const out: [number, string][] = [];
  let fence: string | undefined;
  readFileSync(join(root, file), "utf8")
    .split("\n")
    .forEach((text, index) => {
      const open = FENCE.exec(text);
      if (open) {
        const mark = open[2] as string;
        if (fence === undefined) fence = mark;
        else if (
          text.trim() === fence ||
          (text.trim().startsWith(fence) && /^[`~]+$/.test(text.trim()))
        )
          fence = undefined;
        return;
      }
      if (fence === undefined) out.push([index + 1, text]);
    });
  return out;
}
