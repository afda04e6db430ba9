// Cold start in a fresh Node process: importing the main entry (ESM import and CJS require;
// the official SDK is CommonJS only), and importing plus one call to the local server (what
// a serverless function pays on its first request; this SDK loads its signing code and
// request shapes on that first call).
import { spawnSync } from "node:child_process";
import { pathToFileURL } from "node:url";
import { nodeHttpFetchFile, PKG } from "../lib/build.js";
import type { LocalServer } from "../lib/server.js";
import { median, rotate } from "../lib/stats.js";

export type ColdId =
  | "empty"
  | "sdk-import"
  | "sdk-require"
  | "trivial-import"
  | "sdk-first-call"
  | "sdk-node-http-first-call"
  | "official-import"
  | "official-first-call";

export interface ColdStartResult {
  runs: number;
  /** ms measured inside the child from just before the import to just after (median) */
  inProcessMs: Record<Exclude<ColdId, "empty">, number>;
  /** wall ms of the whole child process (median), `empty` being `node -e ""` */
  wallMs: Record<ColdId, number>;
}

const CREDS = `{ accessKeyId: "LTAI5tBenchAccessKey", accessKeySecret: "bench-secret-0123456789" }`;

/** Each child prints the ms between just before loading and the end of its work. */
const scripts = (
  nodeHttp: string,
): Record<ColdId, { type: "module" | "commonjs"; code: string }> => ({
  empty: { type: "commonjs", code: "" },
  "sdk-import": {
    type: "module",
    code: `const t = performance.now(); await import("alicloud-eci"); process.stdout.write(String(performance.now() - t));`,
  },
  // like for like with the official SDK, which is CommonJS only
  "sdk-require": {
    type: "commonjs",
    code: `const t = performance.now(); require("alicloud-eci"); process.stdout.write(String(performance.now() - t));`,
  },
  // the ESM loader's own floor: importing a one-line module
  "trivial-import": {
    type: "module",
    code: `const t = performance.now(); await import("data:text/javascript,export default 1"); process.stdout.write(String(performance.now() - t));`,
  },
  "sdk-first-call": {
    type: "module",
    code: `const t = performance.now();
const { createEciClient } = await import("alicloud-eci");
const eci = createEciClient({ regionId: "cn-hangzhou", credentials: ${CREDS}, endpoint: process.env.BENCH_ORIGIN });
await eci.describeContainerGroups({ RegionId: "cn-hangzhou" });
process.stdout.write(String(performance.now() - t));`,
  },
  "sdk-node-http-first-call": {
    type: "module",
    code: `const t = performance.now();
const { createEciClient } = await import("alicloud-eci");
const { nodeHttpFetch } = await import(${JSON.stringify(nodeHttp)});
const eci = createEciClient({ regionId: "cn-hangzhou", credentials: ${CREDS}, endpoint: process.env.BENCH_ORIGIN, fetch: nodeHttpFetch });
await eci.describeContainerGroups({ RegionId: "cn-hangzhou" });
process.stdout.write(String(performance.now() - t));`,
  },
  "official-import": {
    type: "commonjs",
    code: `const t = performance.now(); require("@alicloud/eci20180808"); process.stdout.write(String(performance.now() - t));`,
  },
  "official-first-call": {
    type: "commonjs",
    code: `(async () => {
const t = performance.now();
const { default: Client, DescribeContainerGroupsRequest } = require("@alicloud/eci20180808");
const $OpenApi = require("@alicloud/openapi-client");
const client = new Client(new $OpenApi.Config({ ...${CREDS}, endpoint: process.env.BENCH_HOST, protocol: "http", regionId: "cn-hangzhou" }));
await client.describeContainerGroups(new DescribeContainerGroupsRequest({ regionId: "cn-hangzhou" }));
process.stdout.write(String(performance.now() - t));
})();`,
  },
});

const RUNS = 15;

export async function coldStart(server: LocalServer): Promise<ColdStartResult> {
  const SCRIPTS = scripts(pathToFileURL(await nodeHttpFetchFile()).href);
  const ids = Object.keys(SCRIPTS) as ColdId[];
  const inProcess = Object.fromEntries(ids.map((id) => [id, [] as number[]])) as Record<
    ColdId,
    number[]
  >;
  const wall = Object.fromEntries(ids.map((id) => [id, [] as number[]])) as Record<
    ColdId,
    number[]
  >;
  const env = {
    ...process.env,
    BENCH_ORIGIN: server.fixedUrl,
    BENCH_HOST: `127.0.0.1:${server.fixedPort}`,
  };
  for (let run = 0; run < RUNS + 1; run++) {
    for (const id of rotate(ids, run)) {
      const { type, code } = SCRIPTS[id];
      const started = performance.now();
      const child = spawnSync(process.execPath, [`--input-type=${type}`, "-e", code], {
        cwd: PKG,
        env,
        encoding: "utf8",
      });
      const ms = performance.now() - started;
      if (child.status !== 0) throw new Error(`${id} failed: ${child.stderr}`);
      if (run === 0) continue; // the first round warms the file system cache
      wall[id].push(ms);
      if (id !== "empty") inProcess[id].push(Number(child.stdout));
    }
  }
  const medians = (runs: Record<ColdId, number[]>) =>
    Object.fromEntries(Object.entries(runs).map(([id, v]) => [id, median(v)]));
  const { empty: _, ...timed } = medians(inProcess);
  return {
    runs: RUNS,
    inProcessMs: timed as ColdStartResult["inProcessMs"],
    wallMs: medians(wall) as ColdStartResult["wallMs"],
  };
}
