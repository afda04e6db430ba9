// 40,000 items (2,000 pages) through the real client: pages are fetched only when needed and a page
// is garbage once the iterator moved past it, so memory stays flat.
import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";
import { expect, it } from "vitest";
import { paginate } from "../../src/paginate/index.js";
import { type FakeCall, fakeApi } from "./fake-api.js";

setFlagsFromString("--expose-gc");
const runGc = runInNewContext("gc") as () => void;

/** Collects garbage after a macrotask: WeakRef targets stay alive until the current job ends. */
async function gc() {
  await new Promise((resolve) => setImmediate(resolve));
  runGc();
}

const TOTAL = 40_000;
const PAGE = 20; // DescribeContainerGroups' maximum, which paginate asks for
const PAYLOAD = 400; // characters of unique text per item: ~16 MB if every item were kept

/** Builds each page on request from its token, so the handler itself keeps nothing. */
function lazyGroups({ params }: FakeCall) {
  const start = Number(params.NextToken ?? 0);
  const end = Math.min(TOTAL, start + Number(params.Limit));
  const ContainerGroups = [];
  for (let i = start; i < end; i++) {
    ContainerGroups.push({
      ContainerGroupId: `eci-${i}`,
      Description: `${i}:`.padEnd(PAYLOAD, "x"),
    });
  }
  return { ContainerGroups, TotalCount: TOTAL, NextToken: end < TOTAL ? String(end) : "" };
}

it("iterates 40,000 items holding one page at a time", async () => {
  const api = fakeApi(lazyGroups, { record: false });
  const firstOfPage: WeakRef<object>[] = [];
  const liveAtCheckpoints: number[] = [];
  const heapGrowth: number[] = [];
  let baseline = 0; // measured once the first page is in: the client's lazy modules are loaded by then

  let count = 0;
  let eager = 0;
  let misordered = 0;
  for await (const group of paginate(api.eci, "DescribeContainerGroups", {
    RegionId: "cn-hangzhou",
  })) {
    // lazy: the page holding this item is the last one requested
    if (api.count !== Math.floor(count / PAGE) + 1) eager++;
    if (group.ContainerGroupId !== `eci-${count}`) misordered++;
    if (count % PAGE === 0) firstOfPage.push(new WeakRef(group));
    count++;
    if (count === PAGE) {
      await gc();
      baseline = process.memoryUsage().heapUsed;
    }
    if (count % 10_000 === 0) {
      await gc();
      liveAtCheckpoints.push(firstOfPage.filter((ref) => ref.deref() !== undefined).length);
      heapGrowth.push(process.memoryUsage().heapUsed - baseline);
    }
  }

  expect(count).toBe(TOTAL);
  expect(eager).toBe(0);
  expect(misordered).toBe(0);
  expect(api.count).toBe(TOTAL / PAGE);
  // of the 500 to 2,000 pages seen at each checkpoint, only the current one and at most
  // a few the engine happens to keep are reachable: the number does not grow with the pages
  expect(firstOfPage).toHaveLength(TOTAL / PAGE);
  expect(liveAtCheckpoints).toHaveLength(TOTAL / 10_000);
  for (const live of liveAtCheckpoints) expect(live).toBeLessThanOrEqual(5);
  // keeping every item would take more than TOTAL * PAYLOAD bytes; flat iteration stays far below
  for (const growth of heapGrowth) expect(growth).toBeLessThan((TOTAL * PAYLOAD) / 10);
});
