// `npm test`'s type check, in one TypeScript program: what `tsc --noEmit -p .` checks (src,
// generated, test, scripts, bench, examples), the type-level tests (*.test-d.ts, reported
// per test) and every ```ts block of README.md and docs/*.md, imported as users import the
// package (`alicloud-eci`, `alicloud-eci/testing`, …, mapped to src/ by tsconfig's paths).
// One program checks the source once for all three; a block that is deliberately a
// fragment opts out with ```ts nocheck.
import { mkdirSync, renameSync, writeFileSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { threadId } from "node:worker_threads";
import ts from "typescript";
import { beforeAll, describe, expect, it } from "vitest";
import { type CodeBlock, codeBlocks, markdownFiles, root } from "../docs/markdown.js";

const TS = new Set(["ts", "typescript", "tsx"]);
const blocks = markdownFiles()
  .flatMap(codeBlocks)
  .filter((b) => TS.has(b.lang) && !/\bnocheck\b/.test(b.meta));

/** Each block as a module of its own (its own scope, top-level await allowed), beside its guide. */
const blockFiles = new Map<string, CodeBlock>(
  blocks.map((block) => [resolve(root, `${block.file}.L${block.line}.ts`), block]),
);
const blockText = (block: CodeBlock) => `${block.code}\nexport {};\n`;

const config = (() => {
  const file = join(root, "tsconfig.json");
  const { config, error } = ts.readConfigFile(file, ts.sys.readFile);
  if (error) throw new Error(ts.flattenDiagnosticMessageText(error.messageText, "\n"));
  return ts.parseJsonConfigFileContent(config, ts.sys, root, undefined, file);
})();
const typeTestFiles = config.fileNames.filter((f) => f.endsWith(".test-d.ts")).sort();

/** A type-level test: `it("name", …)` / `test("name", …)` in a *.test-d.ts file, with its span. */
interface TypeTest {
  name: string;
  start: number;
  end: number;
}

/** The `it`/`test` calls of a *.test-d.ts file, named like vitest names them (describe > it). */
function typeTests(file: string): TypeTest[] {
  const source = ts.createSourceFile(file, ts.sys.readFile(file) ?? "", ts.ScriptTarget.ES2022);
  const found: TypeTest[] = [];
  const visit = (node: ts.Node, path: string[]) => {
    if (
      ts.isCallExpression(node) &&
      ts.isIdentifier(node.expression) &&
      ["describe", "it", "test"].includes(node.expression.text) &&
      node.arguments[0] &&
      ts.isStringLiteralLike(node.arguments[0])
    ) {
      const name = [...path, node.arguments[0].text];
      if (node.expression.text === "describe") {
        for (const arg of node.arguments.slice(1)) ts.forEachChild(arg, (n) => visit(n, name));
        return;
      }
      found.push({ name: name.join(" > "), start: node.getStart(source), end: node.getEnd() });
      return;
    }
    ts.forEachChild(node, (n) => visit(n, path));
  };
  visit(source, []);
  return found;
}

/**
 * Like `tsc --incremental`: what was checked is remembered in .tmp/ (one file per checkout),
 * so a run after a small change checks only what the change can affect.
 */
const buildInfo = join(root, ".tmp", "typecheck.tsbuildinfo");

let diagnostics: readonly ts.Diagnostic[] = [];
/** The blocks again, as a user with every strict flag compiles them (exactOptionalPropertyTypes too). */
let strictest: readonly ts.Diagnostic[] = [];

beforeAll(() => {
  const options: ts.CompilerOptions = {
    ...config.options,
    noEmit: true,
    incremental: true,
    tsBuildInfoFile: buildInfo,
  };
  const host = ts.createIncrementalCompilerHost(options);
  const { fileExists, readFile, getSourceFile } = host;
  const virtual = (name: string) => blockFiles.get(resolve(name));
  host.fileExists = (name) => virtual(name) !== undefined || fileExists.call(host, name);
  host.readFile = (name) => {
    const block = virtual(name);
    return block ? blockText(block) : readFile.call(host, name);
  };
  host.getSourceFile = (name, language, ...rest) => {
    const block = virtual(name);
    if (!block) return getSourceFile.call(host, name, language, ...rest);
    const text = blockText(block);
    // the incremental builder tells versions apart by their text's hash, as for files on disk
    return Object.assign(ts.createSourceFile(name, text, language), {
      version: ts.sys.createHash?.(text) ?? text,
    });
  };
  // written whole, then renamed: a run reading it at the same moment never sees half a file
  host.writeFile = (name, text) => {
    mkdirSync(dirname(name), { recursive: true });
    const partial = `${name}.${process.pid}.${threadId}`;
    writeFileSync(partial, text);
    renameSync(partial, name);
  };
  const program = ts.createIncrementalProgram({
    rootNames: [...config.fileNames, ...blockFiles.keys()],
    options,
    host,
    configFileParsingDiagnostics: ts.getConfigFileParsingDiagnostics(config),
  });
  diagnostics = [
    ...program.getConfigFileParsingDiagnostics(),
    ...program.getOptionsDiagnostics(),
    ...program.getGlobalDiagnostics(),
    ...program.getSyntacticDiagnostics(),
    ...program.getSemanticDiagnostics(),
  ];
  program.emit(); // with noEmit, writes only the build info
  // users' code with exactOptionalPropertyTypes on: only the blocks are checked under it (the
  // SDK's own source is compiled as the project says), each file asked for its own errors
  const users = ts.createProgram({
    rootNames: [...blockFiles.keys()],
    options: { ...config.options, noEmit: true, exactOptionalPropertyTypes: true },
    host,
    oldProgram: program.getProgram(),
  });
  strictest = [...blockFiles.keys()].flatMap((name) => {
    const file = users.getSourceFile(name);
    return file ? users.getSemanticDiagnostics(file) : [];
  });
}, 120_000);

const where = (d: ts.Diagnostic) => (d.file ? resolve(d.file.fileName) : "");

/** As tsc prints it: `src/x.ts(3,5): error TS2322: …`. */
function format(d: ts.Diagnostic): string {
  const message = ts.flattenDiagnosticMessageText(d.messageText, "\n  ");
  if (!d.file) return `error TS${d.code}: ${message}`;
  const { line, character } = d.file.getLineAndCharacterOfPosition(d.start ?? 0);
  return `${relative(root, d.file.fileName)}(${line + 1},${character + 1}): error TS${d.code}: ${message}`;
}

it("the project type-checks, as `tsc --noEmit -p .` does", () => {
  expect(config.fileNames.length).toBeGreaterThan(100);
  const problems = diagnostics
    .filter((d) => !blockFiles.has(where(d)) && !typeTestFiles.includes(where(d)))
    .map(format);
  expect(problems, problems.join("\n")).toEqual([]);
});

it("every ts block of README.md and docs/*.md type-checks", () => {
  // the guides are mostly code: a parse that finds few blocks is a broken parse
  expect(blocks.length).toBeGreaterThanOrEqual(60);
  const problems = diagnostics
    .filter((d) => blockFiles.has(where(d)))
    .map((d) => {
      const block = blockFiles.get(where(d)) as CodeBlock;
      const { line } = (d.file as ts.SourceFile).getLineAndCharacterOfPosition(d.start ?? 0);
      const message = ts.flattenDiagnosticMessageText(d.messageText, "\n  ");
      return `${block.file}:${block.line + line} (block at line ${block.line - 1}): TS${d.code} ${message}`;
    });
  expect(problems, problems.join("\n")).toEqual([]);
});

it("every ts block also type-checks with exactOptionalPropertyTypes, as a strict user compiles it", () => {
  const problems = strictest.map((d) => {
    const block = blockFiles.get(where(d)) as CodeBlock;
    const { line } = (d.file as ts.SourceFile).getLineAndCharacterOfPosition(d.start ?? 0);
    const message = ts.flattenDiagnosticMessageText(d.messageText, "\n  ");
    return `${block.file}:${block.line + line}: TS${d.code} ${message}`;
  });
  expect(problems, problems.join("\n")).toEqual([]);
});

describe.each(typeTestFiles.map((file) => [relative(root, file), file] as const))(
  "%s",
  (_, file) => {
    const tests = typeTests(file);
    const inFile = () => diagnostics.filter((d) => where(d) === resolve(file));
    const inside = (d: ts.Diagnostic, t: TypeTest) =>
      (d.start ?? 0) >= t.start && (d.start ?? 0) < t.end;

    it("has type tests", () => {
      expect(tests.length).toBeGreaterThan(0);
    });

    it.each(tests.map((t) => [t.name, t] as const))("%s", (_, test) => {
      const problems = inFile()
        .filter((d) => inside(d, test))
        .map(format);
      expect(problems, problems.join("\n")).toEqual([]);
    });

    it("has no type error outside its tests", () => {
      const problems = inFile()
        .filter((d) => !tests.some((t) => inside(d, t)))
        .map(format);
      expect(problems, problems.join("\n")).toEqual([]);
    });
  },
);
