// The import structure of src/: layers that only point down, and no cycle anywhere
// (between files or between folders). Imports are read from the source text, type-only
// and dynamic ones included.
import { readdirSync, readFileSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { describe, expect, it } from "vitest";

const ROOT = resolve(import.meta.dirname, "../..");

/** Floors, bottom up: a folder imports only from floors below it (and from itself). */
const FLOORS: Record<string, number> = {
  base: 0,
  sign: 1,
  credentials: 2, // above sign: the STS providers sign their AssumeRole call
  transport: 3,
  metadata: 3,
  core: 4,
  generated: 5,
  paginate: 6,
  waiters: 6,
  proxy: 6,
  testing: 6,
  helpers: 7,
  entry: 8, // src/*.ts: the package's entry points
};

function sourceFiles(dir: string): string[] {
  return readdirSync(join(ROOT, dir), { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory()
      ? sourceFiles(join(dir, entry.name))
      : entry.name.endsWith(".ts")
        ? [join(dir, entry.name)]
        : [],
  );
}

const IMPORT = /(?:from|import)\s*\(?\s*["'](\.{1,2}\/[^"']+)["']/g;

function importsOf(file: string): string[] {
  const text = readFileSync(join(ROOT, file), "utf8");
  return [...text.matchAll(IMPORT)].map((m) =>
    relative(ROOT, resolve(ROOT, dirname(file), (m[1] as string).replace(/\.js$/, ".ts"))),
  );
}

/** `src/core/call.ts` → `core`; `src/index.ts` → `entry`; `generated/version.ts` (no imports) → `base`. */
function folderOf(file: string, imports: string[]): string {
  if (file.startsWith("generated/")) return imports.length ? "generated" : "base";
  const parts = file.split("/");
  return parts.length === 2 ? "entry" : (parts[1] as string);
}

const files = [...sourceFiles("src"), ...sourceFiles("generated")];
const graph = new Map(
  files.map((file) => [file, importsOf(file).filter((f) => files.includes(f))]),
);
const folder = new Map(files.map((file) => [file, folderOf(file, graph.get(file) ?? [])]));

describe("the import structure of src/", () => {
  it("every folder has a floor", () => {
    const unknown = [...new Set(folder.values())].filter((name) => !(name in FLOORS));
    expect(unknown).toEqual([]);
  });

  it("no module imports one of a higher floor", () => {
    const upward: string[] = [];
    for (const [file, imports] of graph) {
      const from = folder.get(file) as string;
      for (const target of imports) {
        const to = folder.get(target) as string;
        if (to !== from && (FLOORS[to] as number) >= (FLOORS[from] as number)) {
          upward.push(`${file} -> ${target}`);
        }
      }
    }
    expect(upward).toEqual([]);
  });

  it("no import cycle between files", () => {
    const cycles: string[] = [];
    const state = new Map<string, "open" | "done">();
    const visit = (file: string, path: string[]) => {
      if (state.get(file) === "done") return;
      if (state.get(file) === "open") {
        cycles.push([...path.slice(path.indexOf(file)), file].join(" -> "));
        return;
      }
      state.set(file, "open");
      for (const next of graph.get(file) ?? []) visit(next, [...path, file]);
      state.set(file, "done");
    };
    for (const file of files) visit(file, []);
    expect(cycles).toEqual([]);
  });
});
