// The guides' code is code: every ```ts block of README.md and docs/*.md type-checks
// against the source, imported as users import the package (`alicloud-eci`,
// `alicloud-eci/testing`, …); blocks marked ```ts run also run, against the fake cloud;
// and every relative link points at something that exists. A block that is deliberately
// a fragment opts out with ```ts nocheck.
import { existsSync, mkdirSync, rmSync, statSync, writeFileSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import ts from "typescript";
import { afterEach, describe, expect, it, vi } from "vitest";
import {
  type CodeBlock,
  codeBlocks,
  headingAnchors,
  markdownFiles,
  relativeLinks,
  root,
} from "./markdown.js";

const TS = new Set(["ts", "typescript", "tsx"]);
const outDir = join(root, ".tmp", "doc-blocks");
const blocks = markdownFiles().flatMap(codeBlocks);
const checked = blocks.filter((b) => TS.has(b.lang) && !/\bnocheck\b/.test(b.meta));
const runnable = checked.filter((b) => /\brun\b/.test(b.meta));

/** A file name for a block: where it comes from, readable in diagnostics. */
const fileName = (block: CodeBlock) => `${block.file.replace(/[/.]/g, "_")}_L${block.line}.ts`;

/** The repository's compiler options: its `paths` map `alicloud-eci` and `alicloud-eci/*` to src/. */
function compilerOptions(): ts.CompilerOptions {
  const file = join(root, "tsconfig.json");
  const { config, error } = ts.readConfigFile(file, ts.sys.readFile);
  if (error) throw new Error(ts.flattenDiagnosticMessageText(error.messageText, "\n"));
  return {
    ...ts.parseJsonConfigFileContent(config, ts.sys, root, undefined, file).options,
    noEmit: true,
  };
}

it("every ts block of README.md and docs/*.md type-checks", { timeout: 120_000 }, () => {
  // the guides are mostly code: a parse that finds few blocks is a broken parse
  expect(checked.length).toBeGreaterThanOrEqual(60);

  rmSync(join(outDir, "check"), { recursive: true, force: true });
  mkdirSync(join(outDir, "check"), { recursive: true });
  const origin = new Map<string, CodeBlock>();
  for (const block of checked) {
    const path = join(outDir, "check", fileName(block));
    // `export {}` makes every block a module: its own scope, top-level await allowed
    writeFileSync(path, `${block.code}\nexport {};\n`);
    origin.set(resolve(path), block);
  }

  const program = ts.createProgram([...origin.keys()], compilerOptions());
  const problems = ts
    .getPreEmitDiagnostics(program)
    .filter((d) => d.file && origin.has(resolve(d.file.fileName)))
    .map((d) => {
      const file = d.file as ts.SourceFile;
      const block = origin.get(resolve(file.fileName)) as CodeBlock;
      const { line } = file.getLineAndCharacterOfPosition(d.start ?? 0);
      const message = ts.flattenDiagnosticMessageText(d.messageText, "\n  ");
      return `${block.file}:${block.line + line} (block at line ${block.line - 1}): TS${d.code} ${message}`;
    });
  expect(problems, problems.join("\n")).toEqual([]);
});

describe("blocks marked `run` run against the fake cloud", () => {
  afterEach(() => {
    vi.restoreAllMocks();
  });

  it("there are some", () => {
    expect(runnable.length).toBeGreaterThanOrEqual(8);
  });

  it.each(runnable.map((block) => [`${block.file}:${block.line - 1}`, block] as const))(
    "%s",
    async (_, block) => {
      const dir = join(outDir, "run");
      mkdirSync(dir, { recursive: true });
      const path = join(dir, fileName(block));
      // the package's entry points, as the source files they are built from
      const code = block.code.replace(/from "alicloud-eci(?:\/([a-z]+))?"/g, (_, sub?: string) => {
        const source = relative(dir, join(root, "src", `${sub ?? "index"}.ts`));
        return `from "${source.replaceAll("\\", "/")}"`;
      });
      writeFileSync(path, `${code}\nexport {};\n`);
      vi.spyOn(console, "log").mockImplementation(() => {});
      await import(/* @vite-ignore */ pathToFileURL(path).href);
    },
    30_000,
  );
});

it("every relative link of README.md and docs/*.md points at an existing file", () => {
  const files = markdownFiles();
  const links = files.flatMap(relativeLinks);
  expect(links.length).toBeGreaterThan(50);
  const broken: string[] = [];
  for (const link of links) {
    const [path = "", anchor] = link.target.split("#");
    const target = path
      ? resolve(root, dirname(link.file), decodeURI(path))
      : join(root, link.file);
    const where = `${link.file}:${link.line} -> ${link.target}`;
    if (!target.startsWith(root) || !existsSync(target)) {
      broken.push(`${where}: ${relative(root, target)} does not exist`);
    } else if (anchor && target.endsWith(".md") && statSync(target).isFile()) {
      if (!headingAnchors(relative(root, target)).has(anchor)) {
        broken.push(`${where}: no heading #${anchor} in ${relative(root, target)}`);
      }
    }
  }
  expect(broken, broken.join("\n")).toEqual([]);
});
