// Burst launch: 10,000 specs through launchContainerGroups against the fake cloud in real
// time, CreateContainerGroup rate-limited as a token bucket, waiting for Running. Measures
// wall time against the bound the bucket sets, API calls per launched group (creates,
// throttled creates and status polls) and the process's peak memory (fake included).
import { createEciClient, launchContainerGroups } from "../../src/index.js";
import { createFakeCloud, DEMO_DURATIONS } from "../../src/testing/index.js";

export interface BurstResult {
  specs: number;
  /** the CreateContainerGroup bucket: refill per second, capacity */
  perSecond: number;
  burst: number;
  /** fake: created → Running, ms */
  toRunningMs: number;
  wallMs: number;
  /** (specs − burst) / perSecond + toRunningMs */
  boundMs: number;
  launched: number;
  failed: number;
  calls: { create: number; throttled: number; status: number; other: number };
  peakRssMb: number;
  peakHeapMb: number;
  baseRssMb: number;
}

const SPECS = 10_000;
// ECI's published bucket is 100 with 20/s (src/testing/rate-limits.ts); ×25 on the rate so
// the run takes seconds, not eight minutes: the ratio to the bound is what it shows
const PER_SECOND = 500;
const BURST = 100;

export async function burst(log: (line: string) => void): Promise<BurstResult> {
  // fake.requests keeps the latest 10,000 only: count every answer as it goes
  const calls = { create: 0, throttled: 0, status: 0, other: 0 };
  const fake = createFakeCloud({
    onRequest: (r) => {
      if (r.action === "CreateContainerGroup") {
        calls.create++;
        if (r.code?.startsWith("Throttling")) calls.throttled++;
      } else if (r.action === "DescribeContainerGroupStatus") calls.status++;
      else calls.other++;
    },
    time: "real",
    durations: DEMO_DURATIONS,
    quotas: { containerGroups: SPECS, vCpu: SPECS * 2 },
  });
  fake.faults.rateLimit({ action: "CreateContainerGroup", perSecond: PER_SECOND, burst: BURST });
  const eci = createEciClient({ regionId: "cn-hangzhou", ...fake.clientOptions() });
  const specs = Array.from({ length: SPECS }, (_, i) => ({
    ContainerGroupName: `burst-${i}`,
    Container: [{ Name: "job", Image: "registry.cn-hangzhou.aliyuncs.com/acs/job:1" }],
  }));
  const toRunningMs =
    DEMO_DURATIONS.schedule + DEMO_DURATIONS.imagePull + DEMO_DURATIONS.containerStart;
  global.gc?.();
  const baseRss = process.memoryUsage().rss;
  let peakRss = baseRss;
  let peakHeap = 0;
  const sample = () => {
    const m = process.memoryUsage();
    peakRss = Math.max(peakRss, m.rss);
    peakHeap = Math.max(peakHeap, m.heapUsed);
  };
  const sampler = setInterval(sample, 50);
  let lastLog = 0;
  const started = performance.now();
  const results = await launchContainerGroups(eci, specs, {
    batchId: "bench-burst",
    waitFor: "Running",
    pollMs: 1_000,
    onProgress: (p) => {
      if (performance.now() - lastLog < 2_000) return;
      lastLog = performance.now();
      log(
        `${p.done} done, ${p.created} waiting, ${p.queued} queued, window ${p.concurrency}, ${p.perSecond.toFixed(0)}/s`,
      );
    },
  });
  const wallMs = performance.now() - started;
  clearInterval(sampler);
  sample();
  const result: BurstResult = {
    specs: SPECS,
    perSecond: PER_SECOND,
    burst: BURST,
    toRunningMs,
    wallMs,
    boundMs: ((SPECS - BURST) / PER_SECOND) * 1000 + toRunningMs,
    launched: results.filter((r) => r.status === "Running").length,
    failed: results.filter((r) => r.error).length,
    calls,
    peakRssMb: peakRss / 1e6,
    peakHeapMb: peakHeap / 1e6,
    baseRssMb: baseRss / 1e6,
  };
  log(JSON.stringify(result));
  return result;
}

const n = (x: number, digits = 0) =>
  x.toLocaleString("en-US", { maximumFractionDigits: digits, minimumFractionDigits: digits });

/** The report's section. */
export function burstSection(r: BurstResult): string {
  const calls = r.calls.create + r.calls.status + r.calls.other;
  return [
    `\`launchContainerGroups\` of ${n(r.specs)} specs, \`waitFor: "Running"\`, against the fake cloud in real time (DEMO durations: Running ${n(r.toRunningMs)} ms after the create) in the bench's process. CreateContainerGroup is a token bucket of ${r.burst} refilled at ${r.perSecond}/s (ECI publishes 100 and 20/s; the rate ×25 so the run takes seconds). The bound is what the bucket allows: (${n(r.specs)} − ${r.burst}) / ${r.perSecond} s + the time to Running.`,
    "",
    "| Measure | Goal | Measured |",
    "|---|---|---|",
    `| wall time | ≤ 1.2 × bound (${n(r.boundMs / 1000, 1)} s) | ${n(r.wallMs / 1000, 1)} s (${n(r.wallMs / r.boundMs, 2)}×) |`,
    `| API calls per launched group | ≤ 1.3 | ${n(calls / Math.max(1, r.launched), 3)} (${n(r.calls.create)} creates of which ${n(r.calls.throttled)} throttled, ${n(r.calls.status)} status polls, ${n(r.calls.other)} other) |`,
    `| groups Running / failed | ${n(r.specs)} / 0 | ${n(r.launched)} / ${n(r.failed)} |`,
    `| peak RSS (fake cloud included) | | ${n(r.peakRssMb)} MB (${n(r.baseRssMb)} MB before), peak heapUsed ${n(r.peakHeapMb)} MB |`,
  ].join("\n");
}
