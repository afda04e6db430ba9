// Install footprint: what `npm install <package>` puts into node_modules, production
// dependencies only: how many packages, and how much disk they take.
import { execFileSync } from "node:child_process";
import { existsSync, lstatSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { ROOT } from "./paths.js";

/** Packages found in a node_modules tree, and their size. */
export interface Footprint {
  /** every installed package, nested ones included, the installed package itself too */
  packages: string[];
  /** disk usage of node_modules (allocated blocks, as `du` counts) */
  bytes: number;
  /** disk usage per package, its nested node_modules excluded */
  sizes: Record<string, number>;
}

/** The `dependencies` of this repository's package.json. */
export function directDependencies(root = ROOT): string[] {
  const pkg = JSON.parse(readFileSync(join(root, "package.json"), "utf8")) as {
    dependencies?: Record<string, string>;
  };
  return Object.keys(pkg.dependencies ?? {}).sort();
}

function diskUsage(path: string, skip?: string): number {
  const stat = lstatSync(path);
  if (!stat.isDirectory()) return stat.blocks * 512;
  let total = stat.blocks * 512;
  for (const entry of readdirSync(path)) {
    if (entry !== skip) total += diskUsage(join(path, entry));
  }
  return total;
}

function packagesIn(nodeModules: string, out: [string, string][]): [string, string][] {
  if (!existsSync(nodeModules)) return out;
  for (const entry of readdirSync(nodeModules)) {
    if (entry.startsWith(".")) continue;
    const dirs = entry.startsWith("@")
      ? readdirSync(join(nodeModules, entry)).map((name) => join(entry, name))
      : [entry];
    for (const dir of dirs) {
      const path = join(nodeModules, dir);
      if (!existsSync(join(path, "package.json"))) continue;
      out.push([dir, path]);
      packagesIn(join(path, "node_modules"), out);
    }
  }
  return out;
}

/** Counts and sizes `<prefix>/node_modules`. */
export function measureInstall(prefix: string): Footprint {
  const nodeModules = join(prefix, "node_modules");
  const found = packagesIn(nodeModules, []).sort((a, b) => (a[0] < b[0] ? -1 : 1));
  return {
    packages: found.map(([name]) => name),
    bytes: diskUsage(nodeModules),
    sizes: Object.fromEntries(found.map(([name, path]) => [name, diskUsage(path, "node_modules")])),
  };
}

/** `npm install --omit=dev <spec>` into a fresh `prefix` (the npm registry must answer). */
export function npmInstall(spec: string, prefix: string): void {
  execFileSync(
    "npm",
    [
      "install",
      "--omit=dev",
      "--no-audit",
      "--no-fund",
      "--no-package-lock",
      "--prefix",
      prefix,
      spec,
    ],
    { stdio: "pipe", timeout: 120_000 },
  );
}
