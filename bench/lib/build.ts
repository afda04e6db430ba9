// A private build of the package for the bench. The repository's dist/ is rebuilt (and
// cleaned) by other test runs at any moment, so the bench builds its own copy into the
// scratch directory, next to a copy of package.json: `alicloud-eci` then resolves there
// by self-reference, and node_modules is a link to the repository's.
import { execFileSync } from "node:child_process";
import { copyFileSync, existsSync, mkdirSync, readFileSync, rmSync, symlinkSync } from "node:fs";
import { join } from "node:path";
import { ROOT, SCRATCH } from "./paths.js";

/** Where the private build lives. */
export const PKG = join(SCRATCH, "pkg");

/** The built ESM entry and its types, by absolute path. */
export const PKG_ENTRY = join(PKG, "dist", "index.js");
export const PKG_TYPES = join(PKG, "dist", "index.d.ts");

/** Runs tsdown into the scratch package (bench/run.ts does it once, before any section). */
export function buildPackage(log: (line: string) => void = () => {}): string {
  log("building the package (tsdown) into a private copy");
  mkdirSync(PKG, { recursive: true });
  rmSync(join(PKG, "bench"), { recursive: true, force: true });
  const tsdown = join(ROOT, "node_modules/tsdown/dist/run.mjs");
  try {
    execFileSync(
      process.execPath,
      [tsdown, "--out-dir", join(PKG, "dist"), "--log-level", "error"],
      {
        cwd: ROOT,
        stdio: "pipe",
      },
    );
  } catch (error) {
    throw new Error(
      `tsdown failed:\n${(error as { stderr?: Buffer }).stderr?.toString() ?? error}`,
    );
  }
  copyFileSync(join(ROOT, "package.json"), join(PKG, "package.json"));
  if (!existsSync(join(PKG, "node_modules"))) {
    symlinkSync(join(ROOT, "node_modules"), join(PKG, "node_modules"), "dir");
  }
  return PKG;
}

/** Builds only when there is no build yet (child processes reuse the parent's). */
function ensureBuilt(): void {
  if (!existsSync(PKG_ENTRY)) buildPackage();
}

/** The built main entry, imported in this process. */
export async function importBuilt(): Promise<typeof import("../../src/index.js")> {
  ensureBuilt();
  return import(PKG_ENTRY);
}

/**
 * `createNodeHttpFetch` as users get it: from the built `alicloud-eci/node` entry once it
 * exports it, until then bundled from src/transport/node-http-fetch.ts by esbuild (running the
 * source through tsx would add its `__name` helper to every closure on the hot path).
 */
export async function importNodeHttpFetch(): Promise<
  typeof import("../../src/transport/node-http-fetch.js")
> {
  return import(await nodeHttpFetchFile());
}

/** The file {@link importNodeHttpFetch} loads. */
export async function nodeHttpFetchFile(): Promise<string> {
  ensureBuilt();
  const shipped = join(PKG, "dist", "node.js");
  if (existsSync(shipped) && readFileSync(shipped, "utf8").includes("createNodeHttpFetch")) {
    return shipped;
  }
  const outfile = join(PKG, "bench", "node-http.js");
  if (existsSync(outfile)) return outfile;
  const { build } = await import("esbuild");
  await build({
    entryPoints: [join(ROOT, "src/transport/node-http-fetch.ts")],
    bundle: true,
    platform: "node",
    format: "esm",
    target: "node20",
    outfile,
    logLevel: "error",
  });
  return outfile;
}
