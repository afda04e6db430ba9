// Size budgets, checked on every `npm test` (sizes only, never timings), measured as a
// user gets them: the package packed by `npm pack`, installed from the tarball into a
// throwaway app, and its pages built with Vite (code splitting, its defaults) and with
// esbuild as one file without splitting. The measuring code is the bench's
// (bench/lib/packed.ts, bench/lib/user-bundles.ts), so this test and docs/performance.md
// agree. Plus the runtime dependency count of issue 10.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { directDependencies } from "../../bench/lib/footprint.js";
import { installApp, packPackage } from "../../bench/lib/packed.js";
import {
  buildUserPage,
  MARKERS,
  markersIn,
  USER_BUDGETS,
  USER_PAGES,
  type UserBundle,
  type UserPage,
} from "../../bench/lib/user-bundles.js";

let dir: string;
let proxy: UserPage;
let sts: UserPage;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "alicloud-eci-budgets-"));
  // the tarball's JavaScript as published; its declarations never reach a bundle
  const app = installApp(packPackage(dir, { types: false }), dir);
  [proxy, sts] = await Promise.all([
    buildUserPage(app, "proxy", USER_PAGES.proxy),
    buildUserPage(app, "sts", USER_PAGES.sts),
  ]);
}, 120_000);

afterAll(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

/** What to look at when a budget breaks: each file the page loads. */
const files = (b: UserBundle) =>
  `${(b.gzipBytes / 1000).toFixed(2)} kB min+gzip: ${b.files
    .map((f) => `${f.kind} ${f.file} ${f.gzipBytes} B`)
    .join(", ")}`;

describe("a page calling ECI through the signing proxy (alicloud-eci/browser)", () => {
  it("loads at most 8 kB min+gzip built with Vite, first call included", () => {
    expect(proxy.vite.gzipBytes, files(proxy.vite)).toBeLessThanOrEqual(USER_BUDGETS.proxyVite);
  });

  it("is at most 10 kB min+gzip as one file (esbuild, no splitting)", () => {
    expect(proxy.oneFile.gzipBytes, files(proxy.oneFile)).toBeLessThanOrEqual(
      USER_BUDGETS.proxyOneFile,
    );
  });

  it("carries no signing, hashing, credentials or node:http code, either way", () => {
    const forbidden = [...MARKERS.signing, ...MARKERS.node];
    expect(markersIn(proxy.vite.code, forbidden)).toEqual([]);
    expect(markersIn(proxy.oneFile.code, forbidden)).toEqual([]);
  });
});

describe("a page signing with STS keys (alicloud-eci)", () => {
  it("loads at most 16 kB min+gzip built with Vite, first call included", () => {
    expect(sts.vite.gzipBytes, files(sts.vite)).toBeLessThanOrEqual(USER_BUDGETS.stsVite);
  });

  it("counts what its first call imports: the signer and the request shapes", () => {
    // found by running the page (bench/lib/first-call.ts); without them the figure would flatter
    expect(sts.firstCall).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^signed-/),
        expect.stringMatching(/^eci\.meta-/),
      ]),
    );
    expect(sts.vite.files.filter((f) => f.kind === "lazy").length).toBeGreaterThan(0);
    expect(markersIn(sts.vite.code, ["ACS3-HMAC-SHA256"])).toEqual(["ACS3-HMAC-SHA256"]);
  });
});

describe("pages that use ECI only", () => {
  it("carry no other product's endpoint table, either way", () => {
    for (const page of [proxy, sts]) {
      for (const build of [page.vite, page.oneFile]) {
        expect(markersIn(build.code, MARKERS.otherProducts), page.fixture).toEqual([]);
      }
    }
  });
});

describe("runtime dependencies", () => {
  it("are at most two packages", () => {
    const deps = directDependencies();
    expect(deps.length, deps.join(", ")).toBeLessThanOrEqual(2);
  });
});
