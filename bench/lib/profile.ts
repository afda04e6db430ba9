// An in-process CPU profile (node:inspector) of one contender, summarised two ways:
// self time per area (our code, openapi-fetch, @noble/hashes, undici, node, GC), and
// time charged to the nearest library frame on the stack, so the Node internals a
// function of ours sets off (an AbortController, a timer, a Response) count against it.
import { Session } from "node:inspector/promises";
import { pathToFileURL } from "node:url";
import { PKG } from "./build.js";
import type { Contender } from "./contenders.js";
import { ROOT } from "./paths.js";

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  hitCount?: number;
  children?: number[];
}

/** A function and its share of the busy (non-idle) samples. */
export interface HotSpot {
  fn: string;
  where: string;
  area: string;
  share: number;
}

export interface ProfileSummary {
  contender: string;
  calls: number;
  ms: number;
  /** CPU µs per call, from process.cpuUsage over the profiled run */
  cpuPerCallUs: number;
  /** self-time share per area, largest first */
  areas: { area: string; share: number }[];
  /** self time per function */
  self: HotSpot[];
  /** time charged to the nearest frame of our code, openapi-fetch or @noble/hashes */
  charged: HotSpot[];
}

const OWN = pathToFileURL(ROOT).href;
const BUILT = pathToFileURL(PKG).href;
const LIBRARIES = new Set([
  "alicloud-eci",
  "openapi-fetch",
  "@noble/hashes",
  "official SDK",
  "bench",
]);

function areaOf(url: string, fn: string): string {
  if (fn === "(garbage collector)") return "GC";
  if (fn === "(program)") return fn;
  if (url.startsWith(`${OWN}/bench/`)) return "bench";
  if (url.startsWith(`${BUILT}/`)) return "alicloud-eci";
  if (url.startsWith(OWN) && /^(src|dist|generated)\//.test(url.slice(OWN.length + 1)))
    return "alicloud-eci";
  if (url.includes("/openapi-fetch/")) return "openapi-fetch";
  if (url.includes("/@noble/hashes/")) return "@noble/hashes";
  if (url.includes("/@alicloud/") || url.includes("/@darabonba/")) return "official SDK";
  if (url.includes("undici")) return "undici (fetch)";
  return "node internals";
}

const short = (url: string, line: number) =>
  `${url
    .replace(BUILT, "pkg")
    .replace(OWN, "")
    .replace(/^.*\/node_modules\//, "")
    .replace(/^\//, "")}:${line + 1}`;

function top(map: Map<string, HotSpot>, total: number, count: number): HotSpot[] {
  return [...map.values()]
    .map((s) => ({ ...s, share: s.share / total }))
    .sort((a, b) => b.share - a.share)
    .slice(0, count);
}

/** Runs `contender` sequentially for `ms` under the sampling profiler. */
export async function profileContender(contender: Contender, ms: number): Promise<ProfileSummary> {
  const session = new Session();
  session.connect();
  await session.post("Profiler.enable");
  await session.post("Profiler.setSamplingInterval", { interval: 100 });
  await session.post("Profiler.start");
  const cpu = process.cpuUsage();
  const end = performance.now() + ms;
  let calls = 0;
  while (performance.now() < end) {
    await contender.call();
    calls++;
  }
  const used = process.cpuUsage(cpu);
  const { profile } = (await session.post("Profiler.stop")) as {
    profile: { nodes: ProfileNode[] };
  };
  session.disconnect();

  const nodes = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);

  const self = new Map<string, HotSpot>();
  const charged = new Map<string, HotSpot>();
  const areas = new Map<string, number>();
  let total = 0;
  const add = (map: Map<string, HotSpot>, n: ProfileNode, area: string, hits: number) => {
    const { functionName, url, lineNumber } = n.callFrame;
    const key = `${functionName}@${url}:${lineNumber}`;
    const spot = map.get(key) ?? {
      fn: functionName || "(anonymous)",
      where: short(url, lineNumber),
      area,
      share: 0,
    };
    spot.share += hits;
    map.set(key, spot);
  };
  for (const n of profile.nodes) {
    const hits = n.hitCount ?? 0;
    if (!hits || n.callFrame.functionName === "(idle)") continue; // waiting on the socket costs no CPU
    total += hits;
    const area = areaOf(n.callFrame.url, n.callFrame.functionName);
    areas.set(area, (areas.get(area) ?? 0) + hits);
    add(self, n, area, hits);
    // walk up to the nearest frame of a library we can change (or compare)
    let at: ProfileNode | undefined = n;
    while (at && !LIBRARIES.has(areaOf(at.callFrame.url, at.callFrame.functionName))) {
      const up = parent.get(at.id);
      at = up === undefined ? undefined : nodes.get(up);
    }
    if (at) add(charged, at, areaOf(at.callFrame.url, at.callFrame.functionName), hits);
    else add(charged, n, area, hits);
  }
  return {
    contender: contender.label,
    calls,
    ms,
    cpuPerCallUs: (used.user + used.system) / calls,
    areas: [...areas]
      .map(([area, hits]) => ({ area, share: hits / total }))
      .sort((a, b) => b.share - a.share),
    self: top(self, total, 20),
    charged: top(charged, total, 25),
  };
}
