// How long tsc takes on a consumer file making 50 typed calls, against an empty file,
// with `alicloud-eci` mapped to the built declarations (what a user's editor loads).
import { execFileSync } from "node:child_process";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { PKG_TYPES } from "../lib/build.js";
import { ROOT, SCRATCH } from "../lib/paths.js";
import { median } from "../lib/stats.js";

export interface TscRun {
  wallMs: number;
  checkMs: number;
  types: number;
  instantiations: number;
  memoryKb: number;
}

export interface TypecheckResult {
  runs: number;
  empty: TscRun;
  consumer: TscRun;
}

const RUNS = 4;
const DIR = join(SCRATCH, "typecheck");
const TSC = join(ROOT, "node_modules/typescript/bin/tsc");

function setup() {
  mkdirSync(DIR, { recursive: true });
  const consumer = readFileSync(join(ROOT, "bench/fixtures/consumer-50.ts"), "utf8").replace(
    /"\.\.\/\.\.\/src\/index\.js"/,
    '"alicloud-eci"',
  );
  writeFileSync(join(DIR, "consumer.ts"), consumer);
  writeFileSync(join(DIR, "empty.ts"), readFileSync(join(ROOT, "bench/fixtures/empty.ts"), "utf8"));
  for (const name of ["consumer", "empty"]) {
    const config = {
      compilerOptions: {
        target: "ES2022",
        lib: ["ES2022", "DOM"],
        module: "ESNext",
        moduleResolution: "Bundler",
        strict: true,
        noEmit: true,
        skipLibCheck: true,
        types: [],
        paths: { "alicloud-eci": [PKG_TYPES] },
      },
      files: [`${name}.ts`],
    };
    writeFileSync(join(DIR, `tsconfig.${name}.json`), JSON.stringify(config, null, 2));
  }
}

function tsc(name: string): TscRun {
  const started = performance.now();
  const out = execFileSync(
    process.execPath,
    [TSC, "-p", join(DIR, `tsconfig.${name}.json`), "--extendedDiagnostics"],
    {
      encoding: "utf8",
    },
  );
  const wallMs = performance.now() - started;
  const field = (label: string) =>
    Number(out.match(new RegExp(`^${label}:\\s+([\\d.]+)`, "m"))?.[1] ?? Number.NaN);
  return {
    wallMs,
    checkMs: field("Check time") * 1000,
    types: field("Types"),
    instantiations: field("Instantiations"),
    memoryKb: field("Memory used"),
  };
}

const medianRun = (runs: TscRun[]): TscRun => ({
  wallMs: median(runs.map((r) => r.wallMs)),
  checkMs: median(runs.map((r) => r.checkMs)),
  types: median(runs.map((r) => r.types)),
  instantiations: median(runs.map((r) => r.instantiations)),
  memoryKb: median(runs.map((r) => r.memoryKb)),
});

export function typecheck(): TypecheckResult {
  setup();
  const runs = { empty: [] as TscRun[], consumer: [] as TscRun[] };
  for (let i = 0; i < RUNS; i++) {
    for (const name of i % 2
      ? (["consumer", "empty"] as const)
      : (["empty", "consumer"] as const)) {
      runs[name].push(tsc(name));
    }
  }
  return { runs: RUNS, empty: medianRun(runs.empty), consumer: medianRun(runs.consumer) };
}
