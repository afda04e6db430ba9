// Every spec agrees with the reference facts (wire names, types, required flags,
// enums, ranges, styles, ClientToken, pagination, response fields).
import { describe, expect, it } from "vitest";
import {
  checkedProducts,
  checkProduct,
  formatReport,
  loadReference,
  NOT_IN_REFERENCE,
} from "../../scripts/lib/check.js";
import { products } from "../../scripts/lib/spec.js";

const reference = loadReference();
const { checked, skipped } = checkedProducts(products, reference);

it("skips only the products documented as absent from the reference", () => {
  expect(skipped).toEqual(Object.keys(NOT_IN_REFERENCE).filter((p) => products.includes(p)));
  for (const product of checked) expect(reference.services[product], product).toBeDefined();
  // a product missing from the reference without being listed fails, it is not skipped
  const { services, ...rest } = reference;
  const withoutEci = { ...rest, services: { ...services, eci: undefined } };
  expect(checkedProducts(products, withoutEci).checked).toContain("eci");
  expect(() => checkProduct("eci", withoutEci)).toThrow("eci is not in the reference");
});

describe.each(checked)("spec/%s.yaml against the reference", (product) => {
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
