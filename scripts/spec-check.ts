// Prints how each spec agrees with the reference: `npm run spec:check [product...]`.
import { existsSync } from "node:fs";
import { join } from "node:path";
import { checkProduct, formatReport, loadReference, NOT_IN_REFERENCE } from "./lib/check.js";
import { type Product, products, root } from "./lib/spec.js";

const wanted = (process.argv.slice(2) as Product[]).filter((p) => products.includes(p));
const reference = loadReference();
let failed = false;
for (const product of wanted.length ? wanted : products) {
  if (!existsSync(join(root, "spec", `${product}.yaml`))) {
    console.log(`${product}: spec/${product}.yaml not written yet`);
    continue;
  }
  if (Object.hasOwn(NOT_IN_REFERENCE, product) && !reference.services?.[product]) {
    console.log(`${product}: not in the reference, skipped (${NOT_IN_REFERENCE[product]})`);
    continue;
  }
  const report = checkProduct(product, reference);
  console.log(formatReport(report));
  failed ||= report.problems.length > 0 || report.reports.some((r) => r.problems.length > 0);
}
process.exitCode = failed ? 1 : 0;
