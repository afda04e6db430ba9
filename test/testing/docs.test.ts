// docs/testing.md: every TypeScript block compiles against the package as users import it.
import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import ts from "typescript";
import { expect, it } from "vitest";

const root = join(dirname(fileURLToPath(import.meta.url)), "..", "..");

it("every ts block of docs/testing.md type-checks", { timeout: 60_000 }, () => {
  const markdown = readFileSync(join(root, "docs", "testing.md"), "utf8");
  const blocks = [...markdown.matchAll(/```ts\n([\s\S]*?)```/g)].map((m) => m[1] as string);
  expect(blocks.length).toBeGreaterThanOrEqual(6);
  for (const block of blocks) expect(block).toMatch(/from "alicloud-eci\/testing"/);

  // the blocks live in memory, next to the tests, so node_modules resolve from the repository
  const files = new Map(
    blocks.map((text, i) => [join(root, "test", "testing", `docs-block-${i + 1}.ts`), text]),
  );
  const options: ts.CompilerOptions = {
    target: ts.ScriptTarget.ES2022,
    module: ts.ModuleKind.NodeNext,
    moduleResolution: ts.ModuleResolutionKind.NodeNext,
    strict: true,
    noUncheckedIndexedAccess: true,
    skipLibCheck: true,
    noEmit: true,
    lib: ["lib.es2022.d.ts", "lib.dom.d.ts", "lib.dom.iterable.d.ts"],
    types: ["node"],
    baseUrl: root,
    paths: { "alicloud-eci": ["src/index.ts"], "alicloud-eci/testing": ["src/testing/index.ts"] },
  };
  const host = ts.createCompilerHost(options);
  const { getSourceFile, fileExists, readFile } = host;
  host.fileExists = (name) => files.has(name) || fileExists.call(host, name);
  host.readFile = (name) => files.get(name) ?? readFile.call(host, name);
  host.getSourceFile = (name, version, ...rest) => {
    const text = files.get(name);
    return text !== undefined
      ? ts.createSourceFile(name, text, version)
      : getSourceFile.call(host, name, version, ...rest);
  };
  const program = ts.createProgram([...files.keys()], options, host);
  const problems = ts
    .getPreEmitDiagnostics(program)
    .filter((d) => d.file && files.has(d.file.fileName))
    .map(
      (d) =>
        `${d.file?.fileName.split("/").pop()}: ${ts.flattenDiagnosticMessageText(d.messageText, "\n")}`,
    );
  expect(problems).toEqual([]);
});
