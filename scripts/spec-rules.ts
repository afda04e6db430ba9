// npm run spec:rules: prints every validation rule beside its source; --write updates
// docs/validation-rules.md (which test/spec/rules.test.ts keeps current).
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { formatRules, listRules } from "./lib/rules.js";
import { root } from "./lib/spec.js";

const text = formatRules(listRules());
if (process.argv.includes("--write"))
  writeFileSync(join(root, "docs", "validation-rules.md"), text);
else process.stdout.write(text);
