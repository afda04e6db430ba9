// What callers control: maxItems, maxPages, AbortSignal, and an input that stays theirs.
import { describe, expect, it } from "vitest";
import { AbortError } from "../../src/index.js";
import { paginate, paginatePages } from "../../src/paginate/index.js";
import { defaultPageSize } from "../../src/paginate/page-size.js";
import { type FakeCall, fakeApi } from "./fake-api.js";

const REGION = { RegionId: "cn-hangzhou" };

function groups(total: number) {
  return ({ params }: FakeCall) => {
    const start = Number(params.NextToken ?? 0);
    const end = Math.min(total, start + Number(params.Limit ?? 20));
    const ContainerGroups = [];
    for (let i = start; i < end; i++) ContainerGroups.push({ ContainerGroupId: `eci-${i}` });
    return { ContainerGroups, TotalCount: total, NextToken: end < total ? String(end) : "" };
  };
}

/** Freezes in place (writes would throw) while keeping the mutable type the methods take. */
function deepFreeze<T extends object>(value: T): T {
  for (const child of Object.values(value))
    if (child && typeof child === "object") deepFreeze(child);
  return Object.freeze(value);
}

async function collect<T>(iterable: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const item of iterable) out.push(item);
  return out;
}

describe("limits", () => {
  it("maxItems stops mid-page and requests no further page", async () => {
    const api = fakeApi(groups(100));
    const items = await collect(
      paginate(api.eci, "DescribeContainerGroups", REGION, { maxItems: 25 }),
    );
    expect(items.map((g) => g.ContainerGroupId)).toEqual(
      Array.from({ length: 25 }, (_, i) => `eci-${i}`),
    );
    expect(api.calls).toHaveLength(2);
  });

  it("maxItems trims the last page that paginatePages yields", async () => {
    const api = fakeApi(groups(100));
    const pages = await collect(
      paginatePages(api.eci, "DescribeContainerGroups", REGION, { maxItems: 25 }),
    );
    expect(pages.map((p) => p.items.length)).toEqual([20, 5]);
  });

  it("maxItems 0 sends nothing", async () => {
    const api = fakeApi(groups(100));
    expect(
      await collect(paginate(api.eci, "DescribeContainerGroups", REGION, { maxItems: 0 })),
    ).toEqual([]);
    expect(api.calls).toHaveLength(0);
  });

  it("maxPages bounds the number of requests", async () => {
    const api = fakeApi(groups(100));
    const items = await collect(
      paginate(api.eci, "DescribeContainerGroups", REGION, { maxPages: 2 }),
    );
    expect(items).toHaveLength(40);
    expect(api.calls).toHaveLength(2);
  });

  it("rejects limits that are not whole numbers", async () => {
    const api = fakeApi(groups(1));
    await expect(
      collect(paginate(api.eci, "DescribeContainerGroups", REGION, { maxItems: -1 })),
    ).rejects.toThrow(RangeError);
    await expect(
      collect(paginate(api.eci, "DescribeContainerGroups", REGION, { maxPages: 1.5 })),
    ).rejects.toThrow(RangeError);
  });

  it("sends the default page size as text when the API types it so", () => {
    const page = {
      style: "token",
      size: "Limit",
      sizeIsString: true,
      max: 100,
      items: "X",
    } as const;
    expect(defaultPageSize(page, {})).toBe("100");
    expect(defaultPageSize({ ...page, sizeIsString: undefined }, {})).toBe(100);
    expect(defaultPageSize(page, { Limit: "7" })).toBeUndefined();
    expect(defaultPageSize({ ...page, max: undefined }, {})).toBeUndefined();
  });
});

describe("abort", () => {
  it("aborting mid-iteration rejects the next item with AbortError and sends nothing more", async () => {
    const api = fakeApi(groups(100));
    const controller = new AbortController();
    const seen: string[] = [];
    const error = await (async () => {
      for await (const g of paginate(api.eci, "DescribeContainerGroups", REGION, {
        signal: controller.signal,
      })) {
        seen.push(g.ContainerGroupId ?? "");
        if (seen.length === 3) controller.abort(new Error("user left"));
      }
    })().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AbortError);
    expect((error as AbortError).cause).toEqual(new Error("user left"));
    expect(seen).toHaveLength(3);
    expect(api.calls).toHaveLength(1);
  });

  it("aborting between pages stops before the next request", async () => {
    const api = fakeApi(groups(100));
    const controller = new AbortController();
    const pages = paginatePages(api.eci, "DescribeContainerGroups", REGION, {
      signal: controller.signal,
    });
    expect((await pages.next()).value?.items).toHaveLength(20);
    controller.abort();
    await expect(pages.next()).rejects.toThrow(AbortError);
    expect(api.calls).toHaveLength(1);
  });

  it("aborting cancels the page request in flight", async () => {
    const controller = new AbortController();
    let started: () => void = () => {};
    const inFlight = new Promise<void>((resolve) => {
      started = resolve;
    });
    const api = fakeApi((_call, signal) => {
      started();
      return new Promise((_, reject) =>
        signal?.addEventListener("abort", () => reject(signal.reason)),
      );
    });
    const pending = collect(
      paginate(api.eci, "DescribeContainerGroups", REGION, { signal: controller.signal }),
    );
    await inFlight;
    controller.abort();
    await expect(pending).rejects.toThrow(AbortError);
  });

  it("breaking out of the loop ends the listing without another request", async () => {
    const api = fakeApi(groups(100));
    for await (const g of paginate(api.eci, "DescribeContainerGroups", REGION)) {
      if (g.ContainerGroupId === "eci-2") break;
    }
    expect(api.calls).toHaveLength(1);
  });
});

describe("the caller's input", () => {
  it("is never changed, even when frozen, across pages of both styles", async () => {
    const api = fakeApi(({ action, params }) =>
      action === "DescribeVpcs"
        ? { Vpcs: { Vpc: [{ VpcId: `vpc-${params.PageNumber}` }] }, TotalCount: 2, PageSize: 1 }
        : groups(45)({ action, params }),
    );
    const eciInput = deepFreeze({ RegionId: "cn-hangzhou", Tag: [{ Key: "k", Value: "v" }] });
    const before = JSON.stringify(eciInput);
    expect(await collect(paginate(api.eci, "DescribeContainerGroups", eciInput))).toHaveLength(45);
    expect(JSON.stringify(eciInput)).toBe(before);
    expect(eciInput).not.toHaveProperty("NextToken");
    expect(eciInput).not.toHaveProperty("Limit");

    const vpcInput = deepFreeze({ RegionId: "cn-hangzhou", PageSize: 1 });
    expect(await collect(paginate(api.vpc, "DescribeVpcs", vpcInput))).toHaveLength(2);
    expect(vpcInput).toEqual({ RegionId: "cn-hangzhou", PageSize: 1 });
  });
});
