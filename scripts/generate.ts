// `npm run generate`: spec/*.yaml -> generated/. Per product (one per spec file):
//   <product>.ts          types (openapi-typescript)
//   <product>.service.ts  the small table every client carries; loads the shapes lazily
//   <product>.meta.ts     the request shapes (wire styles, validation facts) by action
//   <product>.client.ts   the client interface, one documented method per action
// and for all of them products.ts, products.meta.ts and index.ts (the registry), version.ts.
// `--check` fails when the output folder differs from a fresh run; `--spec <dir>` and
// `--out <dir>` read and write other folders (a throwaway product, in tests).
import { join, relative, resolve } from "node:path";
import { parseArgs } from "node:util";
import { generate } from "./gen/run.js";
import { root } from "./lib/spec.js";

const { values } = parseArgs({
  options: { check: { type: "boolean" }, spec: { type: "string" }, out: { type: "string" } },
});
const outDir = resolve(values.out ?? join(root, "generated"));
const stale = await generate({
  check: values.check === true,
  outDir,
  ...(values.spec ? { specDir: resolve(values.spec) } : {}),
});
if (values.check) {
  const folder = relative(root, outDir) || ".";
  if (stale.length) {
    console.error(
      `${folder}/ is stale; run \`npm run generate\`:\n  ${stale.map((name) => `${folder}/${name}`).join("\n  ")}`,
    );
    process.exitCode = 1;
  } else {
    console.log(`${folder}/ is up to date`);
  }
}
