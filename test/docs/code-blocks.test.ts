// The guides' code is code: every ```ts block of README.md and docs/*.md type-checks
// against the source, imported as users import the package (`alicloud-eci`,
// `alicloud-eci/testing`, …), in the project's one type check (test/typecheck); blocks
// marked ```ts run also run, against the fake cloud; and every relative link points at
// something that exists. A block that is deliberately a fragment opts out with ```ts nocheck.
import { existsSync, mkdirSync, statSync, writeFileSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { pathToFileURL } from "node:url";
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

it("docs/testing.md shows the fake cloud in at least six checked blocks, each importing it", () => {
  // they are type-checked with the other guides' blocks (test/typecheck/program.test.ts)
  const testing = checked.filter((b) => b.file === "docs/testing.md");
  expect(testing.length).toBeGreaterThanOrEqual(6);
  for (const block of testing) {
    expect(block.code, `docs/testing.md:${block.line - 1}`).toMatch(/from "alicloud-eci\/testing"/);
  }
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
