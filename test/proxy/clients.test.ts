// Without `regions`, any well-formed region may come from the browser: the proxy keeps a
// bounded number of clients (an LRU), making an evicted one again when it is needed.
import { describe, expect, it, vi } from "vitest";
import { proxy } from "./fixture.js";

const made = vi.hoisted(() => ({ regions: [] as string[] }));

vi.mock("../../src/core/service-client.js", async (actual) => {
  const module = await actual<typeof import("../../src/core/service-client.js")>();
  return {
    ...module,
    createServiceClient: (...args: Parameters<typeof module.createServiceClient>) => {
      made.regions.push(args[1].regionId);
      return module.createServiceClient(...args);
    },
  };
});

describe("the per-region client cache", () => {
  it("keeps the 64 most recently used clients", async () => {
    const { call } = proxy({ regions: undefined });
    const region = (i: number) => `test-${i}`;
    for (let i = 0; i < 100; i++) {
      const response = await call("eci/DescribeContainerGroups", { RegionId: region(i) });
      expect(response.status).toBe(200);
    }
    expect(made.regions).toHaveLength(100);
    // recently used: still cached
    await call("eci/DescribeContainerGroups", { RegionId: region(99) });
    await call("eci/DescribeContainerGroups", { RegionId: region(40) });
    expect(made.regions).toHaveLength(100);
    // used long ago: evicted, made again
    await call("eci/DescribeContainerGroups", { RegionId: region(0) });
    expect(made.regions).toHaveLength(101);
    expect(made.regions.at(-1)).toBe(region(0));
  });
});
