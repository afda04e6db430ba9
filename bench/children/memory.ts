// Runs in a fresh process (node --expose-gc): one memory scenario, JSON on stdout.
//   paginate <pagesPort>         iterate 100,000 DescribeContainerGroups items
//   inflight <contender> <port>  1,000 calls in flight at once

import { importBuilt } from "../lib/build.js";
import { type ContenderId, contenders, sdkClient } from "../lib/contenders.js";

const gc = globalThis.gc as () => void;
const [mode, a, b] = process.argv.slice(2);

interface Sample {
  heapUsed: number;
  rss: number;
}
const sample = (): Sample => {
  const { heapUsed, rss } = process.memoryUsage();
  return { heapUsed, rss };
};

async function settle(): Promise<Sample> {
  await new Promise((resolve) => setImmediate(resolve));
  gc();
  return sample();
}

let peak: Sample = { heapUsed: 0, rss: 0 };
const track = () => {
  const now = sample();
  peak = { heapUsed: Math.max(peak.heapUsed, now.heapUsed), rss: Math.max(peak.rss, now.rss) };
};

async function paginate(port: number) {
  const sdk = await importBuilt();
  const eci = sdkClient(sdk, `http://127.0.0.1:${port}`);
  const input = { RegionId: "cn-hangzhou", Limit: 1 };
  await eci.describeContainerGroups(input); // loads the lazy chunks before the baseline
  const base = await settle();
  peak = base;
  const started = performance.now();
  let items = 0;
  let pages = 0;
  let usedPaginate = false;
  // heap after a full GC every 20,000 items: flat when pages are released as they are used
  const retained: number[] = [];
  if (typeof sdk.paginate === "function") {
    usedPaginate = true;
    for await (const group of sdk.paginate(eci, "DescribeContainerGroups", {
      RegionId: "cn-hangzhou",
    })) {
      if (!group.ContainerGroupId) throw new Error("item without id");
      if (++items % 20 === 0) track();
      if (items % 20_000 === 0) retained.push((await settle()).heapUsed - base.heapUsed);
    }
    pages = Math.ceil(items / 20);
  } else {
    let NextToken: string | undefined;
    do {
      const page = await eci.describeContainerGroups({
        RegionId: "cn-hangzhou",
        Limit: 20,
        NextToken,
      });
      items += page.ContainerGroups?.length ?? 0;
      pages++;
      track();
      if (items % 20_000 === 0) retained.push((await settle()).heapUsed - base.heapUsed);
      NextToken = page.NextToken || undefined;
    } while (NextToken);
  }
  const ms = performance.now() - started;
  const after = await settle();
  return { usedPaginate, items, pages, ms, base, peak, after, retained };
}

async function inflight(id: ContenderId, port: number) {
  const contender = (await contenders(port)).find((c) => c.id === id);
  if (!contender) throw new Error(`no contender ${id}`);
  for (let i = 0; i < 200; i++) await contender.call();
  const base = await settle();
  peak = base;
  const timer = setInterval(track, 1);
  const started = performance.now();
  const results = await Promise.all(Array.from({ length: 1000 }, () => contender.call()));
  const ms = performance.now() - started;
  clearInterval(timer);
  track();
  if (results.length !== 1000) throw new Error("lost calls");
  const after = await settle();
  return { calls: results.length, ms, base, peak, after };
}

const result =
  mode === "paginate" ? await paginate(Number(a)) : await inflight(a as ContenderId, Number(b));
process.stdout.write(JSON.stringify(result));
process.exit(0);
