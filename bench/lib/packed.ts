// The package as a user gets it: built by tsdown into a private copy (the repository's
// dist/ is rebuilt and cleaned by other test runs at any moment), packed by `npm pack`
// with package.json's `files`, and installed from the tarball into a throwaway app with a
// package.json of its own, as `npm install alicloud-eci` would.
import { execFileSync } from "node:child_process";
import { cpSync, existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { ROOT } from "./paths.js";

const run = (command: string, args: string[], cwd: string) =>
  execFileSync(command, args, { cwd, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });

/**
 * Builds and packs the package under `dir`; returns the tarball's path. `types: false`
 * skips the declarations (ten times faster; a bundle never reads them).
 */
export function packPackage(dir: string, { types = true }: { types?: boolean } = {}): string {
  const pkg = join(dir, "pkg");
  mkdirSync(pkg, { recursive: true });
  try {
    run(
      process.execPath,
      [
        join(ROOT, "node_modules/tsdown/dist/run.mjs"),
        "--out-dir",
        join(pkg, "dist"),
        "--log-level",
        "error",
        ...(types ? [] : ["--no-dts"]),
      ],
      ROOT,
    );
  } catch (error) {
    throw new Error(`tsdown failed:\n${(error as { stderr?: string }).stderr ?? error}`);
  }
  const manifest = JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8")) as {
    files?: string[];
  };
  // what `files` ships besides the build, as it is in the checkout (`npm pack` applies
  // the globs: `docs/*.md` copies docs/)
  const tops = new Set((manifest.files ?? []).map((entry) => entry.split("/")[0] as string));
  for (const top of tops) {
    if (top !== "dist" && existsSync(join(ROOT, top))) {
      cpSync(join(ROOT, top), join(pkg, top), { recursive: true });
    }
  }
  cpSync(join(ROOT, "package.json"), join(pkg, "package.json"));
  const packed = JSON.parse(run("npm", ["pack", "--json", "--pack-destination", dir], pkg)) as {
    filename: string;
  }[];
  return join(dir, packed[0]?.filename as string);
}

/**
 * A throwaway app under `dir` with the tarball installed (its two dependencies come from
 * npm's cache when they are there); returns the app's directory.
 */
export function installApp(tarball: string, dir: string): string {
  const app = join(dir, "app");
  mkdirSync(app, { recursive: true });
  writeFileSync(
    join(app, "package.json"),
    JSON.stringify({ name: "throwaway-app", private: true, type: "module" }),
  );
  run(
    "npm",
    [
      "install",
      tarball,
      "--prefer-offline",
      "--no-audit",
      "--no-fund",
      "--no-package-lock",
      "--ignore-scripts",
      "--loglevel=error",
    ],
    app,
  );
  return app;
}
