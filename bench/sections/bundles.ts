// Browser bundle sizes as users get them (the packed tarball, installed into a throwaway
// app, built with Vite and as one file with esbuild), and the official SDK's failure.
import { mkdirSync, rmSync } from "node:fs";
import { join } from "node:path";
import { BundleError, measureBundle } from "../lib/bundle.js";
import { installApp, packPackage } from "../lib/packed.js";
import { SCRATCH } from "../lib/paths.js";
import {
  buildUserPage,
  MARKERS,
  markersIn,
  USER_PAGES,
  type UserBundle,
} from "../lib/user-bundles.js";

/** One build of a page, with the forbidden strings its code contains. */
export type PageBuild = Omit<UserBundle, "code"> & { markers: string[] };

export interface PageSizes {
  fixture: string;
  /** the package's files the first call imports, found by running the page */
  firstCall: string[];
  vite: PageBuild;
  oneFile: PageBuild;
}

export interface BundlesResult {
  pages: { proxy: PageSizes; sts: PageSizes };
  official:
    | { bundled: false; errorCount: number; errors: string[] }
    | { bundled: true; gzipBytes: number };
}

const FORBIDDEN = [...MARKERS.signing, ...MARKERS.node, ...MARKERS.otherProducts];

const strip = ({ code, ...build }: UserBundle): PageBuild => ({
  ...build,
  markers: markersIn(code, FORBIDDEN),
});

export async function bundles(log: (line: string) => void): Promise<BundlesResult> {
  const dir = join(SCRATCH, "bundles");
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  log("packing the package and installing the tarball into a throwaway app");
  const app = installApp(packPackage(dir, { types: false }), dir);
  const pages = {} as BundlesResult["pages"];
  for (const name of ["proxy", "sts"] as const) {
    const { fixture, firstCall, vite, oneFile } = await buildUserPage(app, name, USER_PAGES[name]);
    pages[name] = { fixture, firstCall, vite: strip(vite), oneFile: strip(oneFile) };
  }

  let official: BundlesResult["official"];
  try {
    const measure = await measureBundle("bench/fixtures/official-page.js");
    official = { bundled: true, gzipBytes: measure.gzipBytes };
  } catch (error) {
    if (!(error instanceof BundleError)) throw error;
    official = {
      bundled: false,
      errorCount: error.errors.length,
      errors: error.errors.slice(0, 4),
    };
  }
  return { pages, official };
}
