// Install footprint of this package (packed from the bench's build and installed like a
// user would) against the official SDK's production tree.
import { execFileSync } from "node:child_process";
import { cpSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { PKG } from "../lib/build.js";
import {
  directDependencies,
  type Footprint,
  measureInstall,
  npmInstall,
} from "../lib/footprint.js";
import { ROOT, SCRATCH } from "../lib/paths.js";

export interface FootprintResult {
  /** this package's direct runtime dependencies (package.json `dependencies`) */
  direct: string[];
  ours: Footprint & { source: "installed" | "cached"; note?: string };
  /** the official SDK's direct dependencies */
  officialDirect: string[];
  official: Footprint & { source: "installed" | "cached"; note?: string };
}

const OFFICIAL = "@alicloud/eci20180808@2.0.3";
/** numbers from an earlier install, used when the registry cannot be reached */
const OFFICIAL_CACHE = join(ROOT, "bench/data/official-footprint.json");

function packOurs(): string {
  // the tarball holds what `files` names: dist (the bench's build) and the rest as it is in
  // the checkout (`npm pack` applies the globs: `docs/*.md` copies docs/)
  const manifest = JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8")) as {
    files?: string[];
  };
  const tops = new Set((manifest.files ?? []).map((entry) => entry.split("/")[0] as string));
  for (const extra of tops) {
    if (extra !== "dist" && existsSync(join(ROOT, extra)))
      cpSync(join(ROOT, extra), join(PKG, extra), { recursive: true });
  }
  const out = execFileSync("npm", ["pack", "--silent", "--pack-destination", SCRATCH], {
    cwd: PKG,
    encoding: "utf8",
  });
  return join(SCRATCH, out.trim().split("\n").pop() as string);
}

function installFresh(spec: string, dir: string): Footprint {
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, "package.json"), "{}");
  npmInstall(spec, dir);
  return measureInstall(dir);
}

export function footprint(log: (line: string) => void): FootprintResult {
  log("npm pack + npm install --omit=dev of this package");
  let ours: FootprintResult["ours"];
  try {
    ours = { ...installFresh(packOurs(), join(SCRATCH, "install-ours")), source: "installed" };
  } catch (error) {
    // offline: count the packages in the repository's own node_modules instead
    const deps = directDependencies();
    ours = {
      packages: ["alicloud-eci", ...deps],
      bytes: Number.NaN,
      sizes: {},
      source: "cached",
      note: `install failed (${(error as Error).message.split("\n")[0]}); counted from package.json`,
    };
  }

  log(`npm install --omit=dev ${OFFICIAL}`);
  let official: FootprintResult["official"];
  try {
    official = {
      ...installFresh(OFFICIAL, join(SCRATCH, "install-official")),
      source: "installed",
    };
    writeFileSync(
      OFFICIAL_CACHE,
      `${JSON.stringify({ spec: OFFICIAL, ...official, source: undefined }, null, 2)}\n`,
    );
  } catch (error) {
    const cached = JSON.parse(readFileSync(OFFICIAL_CACHE, "utf8")) as Footprint;
    official = {
      packages: cached.packages,
      bytes: cached.bytes,
      sizes: cached.sizes,
      source: "cached",
      note: `install failed (${(error as Error).message.split("\n")[0]}); numbers from bench/data/official-footprint.json`,
    };
  }
  const officialPkg = JSON.parse(
    readFileSync(join(ROOT, "node_modules/@alicloud/eci20180808/package.json"), "utf8"),
  ) as { dependencies: Record<string, string> };

  return {
    direct: directDependencies(),
    ours,
    officialDirect: Object.keys(officialPkg.dependencies).sort(),
    official,
  };
}
