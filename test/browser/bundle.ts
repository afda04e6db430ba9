// Bundles the console page for the browser the way an app would: esbuild, ESM, code
// splitting, importing the SDK by its package name (mapped to the source here).
import { isBuiltin } from "node:module";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";

const ROOT = fileURLToPath(new URL("../..", import.meta.url));

/** What `bundlePage` wrote. */
export interface PageBundle {
  /** file names written to `outdir` (the entry is `console.js`; the rest are its chunks) */
  files: string[];
  /** every module esbuild read, relative to the repository root */
  inputs: string[];
}

/** Bundles test/browser/page/console.ts into `outdir`; fails like esbuild does on a Node built-in. */
export async function bundlePage(outdir: string): Promise<PageBundle> {
  const result = await build({
    absWorkingDir: ROOT,
    entryPoints: ["test/browser/page/console.ts"],
    alias: { "alicloud-eci": `${ROOT}src/index.ts` },
    bundle: true,
    format: "esm",
    platform: "browser",
    target: "es2022",
    splitting: true,
    outdir,
    metafile: true,
    logLevel: "silent",
  });
  const { inputs, outputs } = result.metafile;
  return {
    files: Object.keys(outputs).map((file) => file.slice(file.lastIndexOf("/") + 1)),
    inputs: Object.keys(inputs),
  };
}

/** The inputs that are Node built-ins (`node:fs`, `crypto`…): none may reach a browser bundle. */
export const nodeBuiltinsIn = (inputs: readonly string[]): string[] =>
  inputs.filter((path) => path.startsWith("node:") || isBuiltin(path));
