// Every spec agrees with the reference facts (wire names, types, required flags,
// enums, ranges, styles, ClientToken, pagination, response fields).
import { describe, expect, it } from "vitest";
import { checkProduct, formatReport, loadReference } from "../../scripts/lib/check.js";
import { products } from "../../scripts/lib/spec.js";

const reference = loadReference();

describe.each(products)("spec/%s.yaml against the reference", (product) => {
  const report = checkProduct(product, reference);

  it("has one operation per reference action", () => {
    expect(report.actionsInSpec).toBe(report.actions);
    expect(report.problems).toEqual([]);
  });

  it("matches every parameter and response field", () => {
    const problems = report.reports.flatMap((r) => r.problems.map((p) => `${r.action}: ${p}`));
    expect(problems, formatReport(report)).toEqual([]);
    expect(report.matched).toBe(report.params);
  });
});
