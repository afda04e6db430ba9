// The published package: ESM and CJS builds behind an exports map, each with types,
// checked by publint and arethetypeswrong, and usable from both module systems.
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { publint } from "publint";
import { beforeAll, describe, expect, it } from "vitest";

const root = join(import.meta.dirname, "..", "..");
const run = (cmd: string, args: string[]) =>
  execFileSync(cmd, args, { cwd: root, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });

// One real call through the built package, against an injected fetch.
const callScript = (load: string) => `
${load}
const fetch = async (url, init) => new Response(JSON.stringify({ RequestId: "r", Regions: [{ RegionId: "cn-hangzhou" }] }));
const eci = createEciClient({ regionId: "cn-hangzhou", credentials: { accessKeyId: "id", accessKeySecret: "secret" }, fetch });
eci.describeRegions({ RegionId: "cn-hangzhou" }).then((r) => console.log(r.Regions[0].RegionId));
`;

describe("the built package", () => {
  beforeAll(() => {
    run("npx", ["tsdown", "--log-level", "error"]);
  }, 120_000);

  it("publint finds nothing to fix", async () => {
    const { messages } = await publint({ pkgDir: root, strict: true, pack: "npm" });
    expect(messages).toEqual([]);
  });

  it("arethetypeswrong: types resolve for node10, node16 (CJS and ESM) and bundlers", () => {
    expect(() => run("npx", ["attw", "--pack", ".", "--format", "ascii"])).not.toThrow();
  });

  it("works from ESM (import) and CJS (require), lazy chunks included", () => {
    const esm = run("node", [
      "--input-type=module",
      "-e",
      callScript('import { createEciClient } from "alicloud-eci";'),
    ]);
    const cjs = run("node", [
      "--input-type=commonjs",
      "-e",
      callScript('const { createEciClient } = require("alicloud-eci");'),
    ]);
    expect(esm.trim()).toBe("cn-hangzhou");
    expect(cjs.trim()).toBe("cn-hangzhou");
  });

  it("has exactly two runtime dependencies: openapi-fetch and @noble/hashes", () => {
    const pkg = JSON.parse(readFileSync(join(root, "package.json"), "utf8"));
    expect(Object.keys(pkg.dependencies).sort()).toEqual(["@noble/hashes", "openapi-fetch"]);
    expect(pkg.engines.node).toBe(">=20.19");
  });
});
