// The published package: ESM and CJS builds behind an exports map, each with types,
// checked by publint and arethetypeswrong, and usable from both module systems. Built
// once and packed once; the checks then read the same tarball, side by side.
import { execFile as execFileCallback, execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { publint } from "publint";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const root = join(import.meta.dirname, "..", "..");
const execFile = promisify(execFileCallback);
const run = (cmd: string, args: string[]) =>
  execFile(cmd, args, { cwd: root, encoding: "utf8", maxBuffer: 16 * 1024 * 1024 });
const bin = (path: string) => join(root, "node_modules", path);

// One real call through the built package, against an injected fetch, then the same one
// through \`raw\` (openapi-fetch, whose CJS build needs the interop raw.ts does).
const callScript = (
  load: string,
  mode = 'credentials: { accessKeyId: "id", accessKeySecret: "secret" }',
) => `
${load}
const fetch = async (url, init) => new Response(JSON.stringify({ RequestId: "r", Regions: [{ RegionId: "cn-hangzhou" }] }));
const eci = createEciClient({ regionId: "cn-hangzhou", ${mode}, fetch });
eci.describeRegions({ RegionId: "cn-hangzhou" })
  .then(async (r) => [r, await eci.raw.POST("/DescribeRegions", { body: { RegionId: "cn-hangzhou" } })])
  .then(([r, raw]) => console.log(r.Regions[0].RegionId, raw.data.Regions[0].RegionId));
`;
const PROXY = 'proxy: "https://console.example/api/alicloud"';

let packDir: string;
let tarball: string;

beforeAll(() => {
  execFileSync(process.execPath, [bin("tsdown/dist/run.mjs"), "--log-level", "error"], {
    cwd: root,
    stdio: ["ignore", "pipe", "pipe"],
  });
  packDir = mkdtempSync(join(tmpdir(), "alicloud-eci-pack-"));
  const packed = JSON.parse(
    execFileSync("npm", ["pack", "--json", "--pack-destination", packDir], {
      cwd: root,
      encoding: "utf8",
      stdio: ["ignore", "pipe", "pipe"],
    }),
  ) as { filename: string }[];
  tarball = join(packDir, packed[0]?.filename as string);
}, 120_000);

afterAll(() => {
  if (packDir) rmSync(packDir, { recursive: true, force: true });
});

describe.concurrent("the built package", () => {
  it("publint finds nothing to fix", async () => {
    const bytes = readFileSync(tarball);
    // the tarball npm would publish: publint reads the files exactly as they are packed
    const { messages } = await publint({
      strict: true,
      pack: { tarball: bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.length) },
    });
    expect(messages).toEqual([]);
  });

  it("arethetypeswrong: types resolve for node10, node16 (CJS and ESM) and bundlers", async () => {
    const attw = run(process.execPath, [
      bin("@arethetypeswrong/cli/dist/index.js"),
      tarball,
      "--format",
      "ascii",
    ]);
    await expect(attw).resolves.toMatchObject({ stdout: expect.stringContaining("No problems") });
  });

  it("works from ESM (import) and CJS (require), lazy chunks included", async () => {
    const [esm, cjs] = await Promise.all([
      run(process.execPath, [
        "--input-type=module",
        "-e",
        callScript('import { createEciClient } from "alicloud-eci";'),
      ]),
      run(process.execPath, [
        "--input-type=commonjs",
        "-e",
        callScript('const { createEciClient } = require("alicloud-eci");'),
      ]),
    ]);
    expect(esm.stdout.trim()).toBe("cn-hangzhou cn-hangzhou");
    expect(cjs.stdout.trim()).toBe("cn-hangzhou cn-hangzhou");
  });

  it("alicloud-eci/browser works from ESM and CJS, and refuses credentials", async () => {
    const [esm, cjs, refused] = await Promise.all([
      run(process.execPath, [
        "--input-type=module",
        "-e",
        callScript('import { createEciClient } from "alicloud-eci/browser";', PROXY),
      ]),
      run(process.execPath, [
        "--input-type=commonjs",
        "-e",
        callScript('const { createEciClient } = require("alicloud-eci/browser");', PROXY),
      ]),
      run(process.execPath, [
        "--input-type=module",
        "-e",
        callScript('import { createEciClient } from "alicloud-eci/browser";'),
      ]).catch((error: { stderr: string }) => error),
    ]);
    expect(esm.stdout.trim()).toBe("cn-hangzhou cn-hangzhou");
    expect(cjs.stdout.trim()).toBe("cn-hangzhou cn-hangzhou");
    expect((refused as { stderr: string }).stderr).toMatch(
      /ConfigurationError: .*take no credentials/,
    );
  });

  it("has exactly two runtime dependencies: openapi-fetch and @noble/hashes", () => {
    const pkg = JSON.parse(readFileSync(join(root, "package.json"), "utf8"));
    expect(Object.keys(pkg.dependencies).sort()).toEqual(["@noble/hashes", "openapi-fetch"]);
    expect(pkg.engines.node).toBe(">=20.19");
  });
});
