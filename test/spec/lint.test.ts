import { execFileSync } from "node:child_process";
import { beforeAll, describe, expect, it } from "vitest";
import { products, root } from "../../scripts/lib/spec.js";

type Problem = { ruleId: string; message: string };

describe("spec lint (redocly, recommended rules)", () => {
  // one redocly run for every spec (it starts slowly): it prints one JSON report per file, in order
  const problems = new Map<string, string[]>();
  beforeAll(() => {
    const out = execFileSync(
      "npx",
      ["redocly", "lint", ...products.map((p) => `spec/${p}.yaml`), "--format=json"],
      { cwd: root, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] },
    );
    const reports = out
      .slice(out.indexOf("{"))
      .split(/(?<=\n\})\s*(?=\{)/)
      .map((text) => JSON.parse(text) as { problems: Problem[] });
    expect(reports).toHaveLength(products.length);
    products.forEach((product, i) => {
      problems.set(
        product,
        (reports[i]?.problems ?? []).map((p) => `${p.ruleId}: ${p.message}`),
      );
    });
  }, 60_000);

  it.each(products)("spec/%s.yaml has no errors and no warnings", (product) => {
    expect(problems.get(product)).toEqual([]);
  });
});
