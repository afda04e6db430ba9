// NextToken-style listings (ECI DescribeContainerGroups, ListTagResources) through the real client.
import { describe, expect, it } from "vitest";
import { PopError } from "../../src/index.js";
import { PaginationError, paginate, paginatePages } from "../../src/paginate/index.js";
import { type FakeCall, fakeApi, popFailure } from "./fake-api.js";

const REGION = { RegionId: "cn-hangzhou" };

/** Serves `total` container groups, `size` per page, the token being the next offset. */
function groups(total: number, size = 20) {
  return ({ params }: FakeCall) => {
    const start = Number(params.NextToken ?? 0);
    const end = Math.min(total, start + size);
    const ContainerGroups = [];
    for (let i = start; i < end; i++)
      ContainerGroups.push({ ContainerGroupId: `eci-${i}`, Status: "Running" });
    return { ContainerGroups, TotalCount: total, NextToken: end < total ? String(end) : "" };
  };
}

async function collect<T>(iterable: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const item of iterable) out.push(item);
  return out;
}

describe("token pagination", () => {
  it("an empty listing makes one request and yields nothing", async () => {
    const api = fakeApi(() => ({ ContainerGroups: [], TotalCount: 0, NextToken: "" }));
    expect(await collect(paginate(api.eci, "DescribeContainerGroups", REGION))).toEqual([]);
    expect(api.calls).toHaveLength(1);
  });

  it("an answer without the list or the token is an empty last page", async () => {
    const api = fakeApi(() => ({}));
    expect(await collect(paginate(api.eci, "DescribeContainerGroups", REGION))).toEqual([]);
    expect(api.calls).toHaveLength(1);
  });

  it("one page: stops when the answer carries no NextToken", async () => {
    const api = fakeApi(groups(7));
    const items = await collect(paginate(api.eci, "DescribeContainerGroups", REGION));
    expect(items.map((g) => g.ContainerGroupId)).toEqual(
      Array.from({ length: 7 }, (_, i) => `eci-${i}`),
    );
    expect(api.calls).toHaveLength(1);
    expect(api.calls[0]?.params).toEqual({ RegionId: "cn-hangzhou", Limit: "20" });
  });

  it("many pages: sends each NextToken back with the maximum page size by default", async () => {
    const api = fakeApi(groups(45));
    const items = await collect(paginate(api.eci, "DescribeContainerGroups", REGION));
    expect(items).toHaveLength(45);
    expect(items[44]?.ContainerGroupId).toBe("eci-44");
    expect(api.calls.map((c) => c.params.NextToken)).toEqual([undefined, "20", "40"]);
    expect(
      api.calls.every((c) => c.params.Limit === "20" && c.params.RegionId === "cn-hangzhou"),
    ).toBe(true);
  });

  it("keeps the caller's page size and other filters", async () => {
    const api = fakeApi(groups(12, 5));
    const items = await collect(
      paginate(api.eci, "DescribeContainerGroups", { ...REGION, Limit: 5, Status: "Running" }),
    );
    expect(items).toHaveLength(12);
    expect(api.calls.map((c) => [c.params.Limit, c.params.Status, c.params.NextToken])).toEqual([
      ["5", "Running", undefined],
      ["5", "Running", "5"],
      ["5", "Running", "10"],
    ]);
  });

  it("sends no size for actions without a documented maximum, and the caller's text size as is", async () => {
    const api = fakeApi(() => ({
      TagResources: [{ ResourceId: "eci-1", TagKey: "env", TagValue: "prod" }],
    }));
    const input = { ...REGION, ResourceType: "ContainerGroup" as const };
    expect(await collect(paginate(api.eci, "ListTagResources", input))).toHaveLength(1);
    expect(api.calls[0]?.params.Limit).toBeUndefined();
    await collect(paginate(api.eci, "ListTagResources", { ...input, Limit: "50" }));
    expect(api.calls[1]?.params.Limit).toBe("50");
  });

  it("resumes from a NextToken given in the input", async () => {
    const api = fakeApi(groups(30));
    const items = await collect(
      paginate(api.eci, "DescribeContainerGroups", { ...REGION, NextToken: "20" }),
    );
    expect(items.map((g) => g.ContainerGroupId)).toEqual(
      Array.from({ length: 10 }, (_, i) => `eci-${i + 20}`),
    );
  });

  it("pages carry the items, TotalCount, a page number, the next token and the whole answer", async () => {
    const api = fakeApi(groups(25));
    const pages = await collect(paginatePages(api.eci, "DescribeContainerGroups", REGION));
    expect(pages.map((p) => [p.items.length, p.totalCount, p.pageNumber, p.nextToken])).toEqual([
      [20, 25, 1, "20"],
      [5, 25, 2, undefined],
    ]);
    expect(pages[0]?.response.RequestId).toBe("req-1");
    expect(pages[1]?.response.ContainerGroups?.[0]?.ContainerGroupId).toBe("eci-20");
  });

  it("throws PaginationError when the server repeats the token it just gave", async () => {
    const api = fakeApi(() => ({
      ContainerGroups: [{ ContainerGroupId: "eci-x" }],
      NextToken: "same",
    }));
    const seen: string[] = [];
    const run = async () => {
      for await (const g of paginate(api.eci, "DescribeContainerGroups", REGION))
        seen.push(g.ContainerGroupId ?? "");
    };
    const error = await run().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PaginationError);
    expect(error).toMatchObject({ action: "DescribeContainerGroups", pageNumber: 2 });
    expect((error as Error).message).toContain('"same"');
    expect(seen).toEqual(["eci-x", "eci-x"]);
    expect(api.calls).toHaveLength(2);
  });

  it("throws PaginationError on a token cycle, not only on an immediate repeat", async () => {
    const next: Record<string, string> = { "": "a", a: "b", b: "a" };
    const api = fakeApi(({ params }) => ({
      ContainerGroups: [],
      NextToken: next[params.NextToken ?? ""],
    }));
    await expect(collect(paginate(api.eci, "DescribeContainerGroups", REGION))).rejects.toThrow(
      PaginationError,
    );
    expect(api.calls.map((c) => c.params.NextToken)).toEqual([undefined, "a", "b"]);
  });

  it("treats a token equal to the one the caller started from as a repeat", async () => {
    const api = fakeApi(() => ({ ContainerGroups: [], NextToken: "start" }));
    await expect(
      collect(paginate(api.eci, "DescribeContainerGroups", { ...REGION, NextToken: "start" })),
    ).rejects.toThrow(PaginationError);
    expect(api.calls).toHaveLength(1);
  });

  it("an API error on a later page reaches the caller after the earlier items", async () => {
    const api = fakeApi((call) =>
      call.params.NextToken ? popFailure(400, "InvalidParameter.NextToken") : groups(40)(call),
    );
    const seen: unknown[] = [];
    const error = await (async () => {
      for await (const g of paginate(api.eci, "DescribeContainerGroups", REGION)) seen.push(g);
    })().catch((e: unknown) => e);
    expect(seen).toHaveLength(20);
    expect(error).toBeInstanceOf(PopError);
    expect(error).toMatchObject({ code: "InvalidParameter.NextToken" });
  });

  it("a list field that is not a list is a PaginationError, not a silent empty page", async () => {
    const api = fakeApi(() => ({ ContainerGroups: { ContainerGroup: [] } }));
    await expect(collect(paginate(api.eci, "DescribeContainerGroups", REGION))).rejects.toThrow(
      /expected a list at ContainerGroups/,
    );
  });

  it("refuses an action that does not page, at run time too", async () => {
    const api = fakeApi(() => ({}));
    // biome-ignore lint/suspicious/noExplicitAny: a plain JavaScript caller
    const untyped = paginate as any;
    await expect(collect(untyped(api.eci, "DescribeRegions", {}))).rejects.toThrow(
      "DescribeRegions is not a pageable eci action",
    );
    expect(api.calls).toHaveLength(0);
  });
});
