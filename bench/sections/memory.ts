// Memory while paginating 100,000 items and while 1,000 calls are in flight, each
// scenario in a fresh process so nothing else shares its heap.
import { execFileSync } from "node:child_process";
import { join } from "node:path";
import type { ContenderId } from "../lib/contenders.js";
import { ROOT } from "../lib/paths.js";
import type { LocalServer } from "../lib/server.js";

interface Sample {
  heapUsed: number;
  rss: number;
}

export interface PaginateMemory {
  usedPaginate: boolean;
  items: number;
  pages: number;
  ms: number;
  base: Sample;
  peak: Sample;
  after: Sample;
  /** heapUsed above the baseline after a full GC, every 20,000 items */
  retained: number[];
}

export interface InflightMemory {
  calls: number;
  ms: number;
  base: Sample;
  peak: Sample;
  after: Sample;
}

export interface MemoryResult {
  paginate: PaginateMemory;
  inflight: Partial<Record<ContenderId, InflightMemory>>;
}

const INFLIGHT: ContenderId[] = ["sdk-fetch", "sdk-node-http", "official"];

function child<T>(args: string[]): T {
  const out = execFileSync(
    process.execPath,
    ["--expose-gc", "--import", "tsx", join(ROOT, "bench/children/memory.ts"), ...args],
    { cwd: ROOT, encoding: "utf8", stdio: ["ignore", "pipe", "inherit"], timeout: 120_000 },
  );
  return JSON.parse(out) as T;
}

export function memory(server: LocalServer, log: (line: string) => void): MemoryResult {
  log("paginating 100,000 items");
  const paginate = child<PaginateMemory>(["paginate", String(server.pagesPort)]);
  const inflight: MemoryResult["inflight"] = {};
  for (const id of INFLIGHT) {
    log(`1,000 calls in flight: ${id}`);
    inflight[id] = child<InflightMemory>(["inflight", id, String(server.fixedPort)]);
  }
  return { paginate, inflight };
}
