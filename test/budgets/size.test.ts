// Size budgets, checked on every `npm test` (sizes only, never timings): the browser
// bundles of issue 9 and the runtime dependency count of issue 10. The measuring code is
// the bench's (bench/lib/bundle.ts), so the test and docs/performance.md agree.
import { beforeAll, describe, expect, it } from "vitest";
import {
  BUDGETS,
  type BundleMeasure,
  byArea,
  measureBundle,
  PAGES,
} from "../../bench/lib/bundle.js";
import { directDependencies } from "../../bench/lib/footprint.js";

const pages: Partial<Record<keyof typeof PAGES, BundleMeasure>> = {};

beforeAll(async () => {
  const [proxy, sts] = await Promise.all([
    measureBundle(PAGES.proxy.page, PAGES.proxy.lazy),
    measureBundle(PAGES.sts.page, PAGES.sts.lazy),
  ]);
  Object.assign(pages, { proxy, sts });
}, 60_000);

const page = (name: keyof typeof PAGES) => pages[name] as BundleMeasure;

/** What to look at when a budget breaks: minified bytes per package or source folder. */
const breakdown = (m: BundleMeasure) =>
  `${(m.gzipBytes / 1000).toFixed(2)} kB min+gzip; minified by area: ${byArea(m.modules)
    .map((a) => `${a.area} ${a.bytes}`)
    .join(", ")}`;

describe("browser bundles (esbuild, minified, code splitting, platform browser)", () => {
  it("count every module each page's mode loads, lazy ones included", () => {
    for (const name of ["proxy", "sts"] as const) {
      const loaded = page(name).chunks.map((c) => c.entryPoint);
      for (const module of PAGES[name].lazy) expect(loaded, `${name} page`).toContain(module);
    }
  });

  it("a page calling through the signing proxy is at most 10 kB min+gzip", () => {
    expect(page("proxy").gzipBytes, breakdown(page("proxy"))).toBeLessThanOrEqual(BUDGETS.proxy);
  });

  it("a page signing with STS credentials is at most 16 kB min+gzip", () => {
    expect(page("sts").gzipBytes, breakdown(page("sts"))).toBeLessThanOrEqual(BUDGETS.sts);
  });

  it("the proxy page carries no signing code", () => {
    const proxy = page("proxy");
    expect(proxy.code).not.toContain("ACS3-HMAC-SHA256");
    const signing = proxy.modules.filter(
      (m) =>
        m.path.includes("@noble/hashes") ||
        m.path.startsWith("src/sign/") ||
        m.path === "src/transport/signing.ts",
    );
    expect(signing).toEqual([]);
  });

  it("neither page pulls in a Node built-in", () => {
    // esbuild for the browser already refuses to resolve one; the inputs are checked too
    expect(page("proxy").nodeBuiltins).toEqual([]);
    expect(page("sts").nodeBuiltins).toEqual([]);
  });
});

describe("runtime dependencies", () => {
  it("are at most two packages", () => {
    const deps = directDependencies();
    expect(deps.length, deps.join(", ")).toBeLessThanOrEqual(2);
  });
});
