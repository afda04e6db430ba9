// docs/performance.md is rewritten by every bench run, `--only <section>` runs included:
// on a fresh clone (no stored results) such a run replaces its own section and keeps
// every other one as the committed report shows it.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parseReport, renderReport } from "../../bench/lib/report.js";
import type { Stored } from "../../bench/lib/results.js";
import type { BundlesResult, PageBuild } from "../../bench/sections/bundles.js";

const root = join(import.meta.dirname, "..", "..");
const committed = readFileSync(join(root, "docs/performance.md"), "utf8");
const notes = readFileSync(join(root, "bench/notes.md"), "utf8");

const build = (gzipBytes: number): PageBuild => ({
  files: [{ file: "assets/index.js", kind: "entry", minBytes: 3 * gzipBytes, gzipBytes }],
  minBytes: 3 * gzipBytes,
  gzipBytes,
  notLoaded: [],
  markers: [],
});
const page = {
  fixture: "bench/fixtures/p.ts",
  firstCall: [],
  vite: build(7000),
  oneFile: build(9000),
};
const bundles: BundlesResult = {
  pages: { proxy: page, sts: page },
  official: { bundled: false, errorCount: 1, errors: ["x"] },
};
const now = { at: new Date().toISOString(), loadAverage: [0, 0, 0] };
const run = { command: "npx tsx bench/run.ts --only bundles", sections: ["bundles"], seconds: 1 };

const sections = (markdown: string) => parseReport(markdown).sections;

describe("a bench run of one section", () => {
  it("on a fresh clone keeps every other section and target as the report shows them", () => {
    const stored: Stored = { results: { bundles }, stamps: { bundles: now } };
    const out = renderReport(
      stored,
      { ...run, measured: ["bundles"] },
      notes,
      parseReport(committed),
    );
    const before = sections(committed);
    const after = sections(out);
    expect([...after.keys()]).toEqual([...before.keys()]);
    for (const [title, { text }] of before) {
      if (title === "Browser bundles" || title.startsWith("Targets")) continue;
      expect(after.get(title)?.text, title).toBe(text);
    }
    expect(after.get("Browser bundles")?.text).toContain("proxy page, one file");
    const targets = parseReport(out).targets;
    for (const [name, line] of parseReport(committed).targets) {
      if (!name.startsWith("Browser bundle")) expect(targets.get(name), name).toBe(line);
    }
  });

  it("keeps a section whose stored results this bench cannot render (an older format)", () => {
    const old = { proxy: {}, sts: {}, official: bundles.official } as unknown as BundlesResult;
    const stored: Stored = { results: { bundles: old }, stamps: { bundles: now } };
    const out = renderReport(stored, { ...run, measured: [] }, notes, parseReport(committed));
    expect(sections(out).get("Browser bundles")?.text).toBe(
      sections(committed).get("Browser bundles")?.text,
    );
  });
});
