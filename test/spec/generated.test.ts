import { execFileSync } from "node:child_process";
import { expect, it } from "vitest";
import { root } from "../../scripts/lib/spec.js";

it("generated/ is exactly what `npm run generate` writes from spec/", () => {
  const run = () =>
    execFileSync("npx", ["tsx", "scripts/generate.ts", "--check"], {
      cwd: root,
      encoding: "utf8",
      stdio: "pipe",
    });
  expect(run).not.toThrow();
});
