// Every validation rule traces to what the API states: the reference facts, or the
// official API docs the spec cites. docs/validation-rules.md lists them (npm run spec:rules).
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { formatRules, listRules } from "../../scripts/lib/rules.js";
import { root } from "../../scripts/lib/spec.js";

const rules = listRules();

describe("validation rules", () => {
  it("each has a source: the reference or a cited page of the API docs", () => {
    const unsourced = rules
      .filter((r) => !r.source)
      .map((r) => `${r.product} ${r.action} ${r.path}: ${r.rule}`);
    expect(unsourced).toEqual([]);
    for (const r of rules)
      expect(r.source).toMatch(
        /^(api-reference\.json|docs: https:\/\/www\.alibabacloud\.com\/help\/)/,
      );
  });

  it("are listed in docs/validation-rules.md (npm run spec:rules)", () => {
    const listed = readFileSync(join(root, "docs", "validation-rules.md"), "utf8");
    expect(listed).toBe(formatRules(rules));
  });

  it("include none of the user-guide limits the API does not state", () => {
    const at = (action: string, path: string) =>
      rules.filter((r) => r.action === action && r.path === path).map((r) => r.rule);
    for (const action of ["CreateImageCache", "UpdateImageCache"]) {
      expect(at(action, "ImageCacheSize")).toEqual([]);
      expect(at(action, "RetentionDays")).toEqual([]);
      expect(at(action, "Image")).not.toContain("maxItems 20");
    }
    expect(at("UpdateImageCache", "Image")).toEqual([]);
  });
});
