// The results of every section, kept between runs so `--only <section>` still writes a
// complete report (each section says when it was measured). The file lives in the scratch
// directory, not in the repository: on a fresh clone it is absent, and the report keeps
// what docs/performance.md already shows for the sections a run did not measure.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { BundlesResult } from "../sections/bundles.js";
import type { BurstResult } from "../sections/burst.js";
import type { ColdStartResult } from "../sections/cold-start.js";
import type { ConcurrencyResult } from "../sections/concurrency.js";
import type { FootprintResult } from "../sections/footprint.js";
import type { MemoryResult } from "../sections/memory.js";
import type { ProfileResult } from "../sections/profile.js";
import type { SigningResult } from "../sections/signing.js";
import type { ThroughputResult } from "../sections/throughput.js";
import type { TypecheckResult } from "../sections/typecheck.js";
import { SCRATCH } from "./paths.js";

export interface Results {
  throughput?: ThroughputResult;
  concurrency?: ConcurrencyResult;
  coldStart?: ColdStartResult;
  signing?: SigningResult;
  footprint?: FootprintResult;
  bundles?: BundlesResult;
  memory?: MemoryResult;
  typecheck?: TypecheckResult;
  profile?: ProfileResult;
  burst?: BurstResult;
}

export type SectionId = keyof Results;

/** When each section was last measured, and on what machine state. */
export interface Stamp {
  at: string;
  loadAverage: number[];
  /** the command line that measured it */
  command?: string;
}

export interface Stored {
  results: Results;
  stamps: Partial<Record<SectionId, Stamp>>;
}

const FILE = join(SCRATCH, "results.json");

export function loadResults(): Stored {
  if (!existsSync(FILE)) return { results: {}, stamps: {} };
  return JSON.parse(readFileSync(FILE, "utf8")) as Stored;
}

export function saveResults(stored: Stored): void {
  mkdirSync(SCRATCH, { recursive: true });
  writeFileSync(FILE, JSON.stringify(stored));
}
