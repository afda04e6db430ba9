// npm run bench: every section side by side in one run, results into docs/performance.md.
//   npx tsx bench/run.ts                       all sections (about 2–3 minutes)
//   npx tsx bench/run.ts --only throughput,signing
//   npx tsx bench/run.ts --only concurrency   1 and 32 calls in flight, four contenders (~35 s)
//   npx tsx bench/run.ts --only burst         10,000 container groups under a rate limit (~25 s)
//   npx tsx bench/run.ts --report             rewrite the report from the stored results
//   npx tsx bench/run.ts --list
// Sections a run does not measure keep what docs/performance.md shows, unless the stored
// results (outside the repository, see bench/lib/results.ts) hold a newer measurement.
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { loadavg } from "node:os";
import { join } from "node:path";
import { buildPackage } from "./lib/build.js";
import { ROOT } from "./lib/paths.js";
import { parseReport, renderReport } from "./lib/report.js";
import { loadResults, type Results, type SectionId, saveResults } from "./lib/results.js";
import { type LocalServer, startServer } from "./lib/server.js";
import { bundles } from "./sections/bundles.js";
import { burst } from "./sections/burst.js";
import { coldStart } from "./sections/cold-start.js";
import { concurrency } from "./sections/concurrency.js";
import { footprint } from "./sections/footprint.js";
import { memory } from "./sections/memory.js";
import { profile } from "./sections/profile.js";
import { signing } from "./sections/signing.js";
import { throughput } from "./sections/throughput.js";
import { typecheck } from "./sections/typecheck.js";

interface Section {
  /** the name for --only */
  flag: string;
  id: SectionId;
  needsBuild: boolean;
  needsServer: boolean;
  run: (
    server: LocalServer,
    log: (line: string) => void,
  ) => Promise<Results[SectionId]> | Results[SectionId];
}

const SECTIONS: Section[] = [
  {
    flag: "throughput",
    id: "throughput",
    needsBuild: true,
    needsServer: true,
    run: (s, log) => throughput(s, log),
  },
  {
    flag: "concurrency",
    id: "concurrency",
    needsBuild: true,
    needsServer: true,
    run: (s, log) => concurrency(s, log),
  },
  {
    flag: "cold-start",
    id: "coldStart",
    needsBuild: true,
    needsServer: true,
    run: (s) => coldStart(s),
  },
  { flag: "signing", id: "signing", needsBuild: false, needsServer: false, run: () => signing() },
  {
    flag: "footprint",
    id: "footprint",
    needsBuild: true,
    needsServer: false,
    run: (_, log) => footprint(log),
  },
  {
    flag: "bundles",
    id: "bundles",
    needsBuild: false, // it packs the package itself
    needsServer: false,
    run: (_, log) => bundles(log),
  },
  {
    flag: "memory",
    id: "memory",
    needsBuild: true,
    needsServer: true,
    run: (s, log) => memory(s, log),
  },
  {
    flag: "typecheck",
    id: "typecheck",
    needsBuild: true,
    needsServer: false,
    run: () => typecheck(),
  },
  {
    flag: "profile",
    id: "profile",
    needsBuild: true,
    needsServer: true,
    run: (s, log) => profile(s, log),
  },
  {
    flag: "burst",
    id: "burst",
    needsBuild: false, // the launcher and the fake from src/, in this process
    needsServer: false,
    run: (_, log) => burst(log),
  },
];

function parseArgs(argv: string[]): Section[] {
  if (argv.includes("--list") || argv.includes("--help")) {
    console.log(
      `sections: ${SECTIONS.map((s) => s.flag).join(", ")}\nusage: npx tsx bench/run.ts [--only a,b | --report]`,
    );
    process.exit(0);
  }
  if (argv.includes("--report")) return [];
  const at = argv.indexOf("--only");
  if (at === -1) return SECTIONS;
  const wanted = (argv[at + 1] ?? "").split(",").filter(Boolean);
  const unknown = wanted.filter((w) => !SECTIONS.some((s) => s.flag === w));
  if (unknown.length || wanted.length === 0) {
    console.error(
      `unknown section(s) ${unknown.join(", ")}; sections: ${SECTIONS.map((s) => s.flag).join(", ")}`,
    );
    process.exit(2);
  }
  return SECTIONS.filter((s) => wanted.includes(s.flag));
}

const chosen = parseArgs(process.argv.slice(2));
const args = process.argv.slice(2).join(" ");
const command = `npx tsx bench/run.ts${args ? ` ${args}` : ""}`;
const started = performance.now();
const log = (line: string) =>
  console.log(`[${((performance.now() - started) / 1000).toFixed(1)} s] ${line}`);

if (chosen.some((s) => s.needsBuild)) buildPackage(log);
const server = chosen.some((s) => s.needsServer) ? await startServer() : undefined;
const stored = loadResults();
try {
  for (const section of chosen) {
    log(`== ${section.flag}`);
    const result = await section.run(server as LocalServer, log);
    (stored.results as Record<SectionId, unknown>)[section.id] = result;
    stored.stamps[section.id] = { at: new Date().toISOString(), loadAverage: loadavg(), command };
    saveResults(stored);
  }
} finally {
  await server?.stop();
}

const notes = readFileSync(join(ROOT, "bench/notes.md"), "utf8");
const target = join(ROOT, "docs/performance.md");
const previous = existsSync(target) ? parseReport(readFileSync(target, "utf8")) : undefined;
const report = renderReport(
  stored,
  {
    command,
    sections: chosen.map((s) => s.flag),
    measured: chosen.map((s) => s.id),
    seconds: (performance.now() - started) / 1000,
  },
  notes,
  previous,
);
writeFileSync(target, report);
log("wrote docs/performance.md");
