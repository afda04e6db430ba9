// Which files of the package a page loads up to the end of its first call, found by
// running it rather than by listing them: the page, compiled to JavaScript, runs in Node
// against the installed package with a browser's globals (first-call/setup.mjs), and
// module hooks record every file of the package that is loaded.
import { execFileSync } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import { basename, join } from "node:path";
import { pathToFileURL } from "node:url";
import { transformSync } from "esbuild";

const file = (name: string) => pathToFileURL(join(import.meta.dirname, "first-call", name)).href;
const SETUP = file("setup.mjs");
const MARK = "--- running";

/**
 * Names of the package's dist/ files that `source` (a page's TypeScript, run in `dir` of
 * the app) loads while it runs: through the dynamic imports of its first call, not the
 * static imports a bundler may drop.
 */
export function firstCallFiles(dir: string, source: string): string[] {
  const { code } = transformSync(source, { loader: "ts", format: "esm", target: "es2022" });
  writeFileSync(join(dir, "page.mjs"), `import ${JSON.stringify(file("mark.mjs"))};\n${code}`);
  const log = join(dir, "loaded.txt");
  writeFileSync(log, "");
  try {
    execFileSync(process.execPath, ["--import", SETUP, "page.mjs"], {
      cwd: dir,
      // nothing of the environment: DEBUG or ALIBABA_CLOUD_* would change what loads
      env: { PATH: process.env.PATH ?? "", FIRST_CALL_LOG: log },
      stdio: ["ignore", "pipe", "pipe"],
      timeout: 30_000,
    });
  } catch (error) {
    const stderr = (error as { stderr?: Buffer }).stderr?.toString();
    throw new Error(`the page failed in Node:\n${stderr ?? error}`);
  }
  const lines = readFileSync(log, "utf8").split("\n");
  const running = lines.indexOf(MARK);
  if (running === -1) throw new Error("the page never ran");
  const urls = lines.slice(running + 1).filter((url) => url.includes("/dist/"));
  return [...new Set(urls.map((url) => basename(url)))];
}
