import { execFileSync } from "node:child_process";
import { describe, expect, it } from "vitest";
import { products, root } from "../../scripts/lib/spec.js";

describe("spec lint (redocly, recommended rules)", () => {
  it.each(products)("spec/%s.yaml has no errors and no warnings", (product) => {
    const out = execFileSync("npx", ["redocly", "lint", `spec/${product}.yaml`, "--format=json"], {
      cwd: root,
      encoding: "utf8",
      stdio: ["ignore", "pipe", "pipe"],
    });
    const report = JSON.parse(out.slice(out.indexOf("{")));
    expect(
      report.problems.map((p: { ruleId: string; message: string }) => `${p.ruleId}: ${p.message}`),
    ).toEqual([]);
  });
});
