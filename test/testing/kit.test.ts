// The fake's resource kit: the table every product model keeps its records in, the filter of
// Describe inputs, and the split of a record into what the API shows and what the fake keeps.
import { describe, expect, it } from "vitest";
import { FakeApiError } from "../../src/testing/errors.js";
import { IdFactory, seededRandom } from "../../src/testing/ids.js";
import { oneOf, tagged, where } from "../../src/testing/products/filter.js";
import { apiFields, Table } from "../../src/testing/products/table.js";

interface Thing {
  ThingId: string;
  RegionId: string;
  Name: string;
  Size: number;
  tags: { Key: string; Value: string }[];
  generation: number;
}

function things() {
  const table = new Table<Thing, "ThingId">({
    id: "ThingId",
    prefix: "th",
    code: "InvalidThingId.NotFound",
    message: (id) => `Specified thing ${id} does not exist.`,
  });
  const ids = new IdFactory(seededRandom("kit"));
  const at = (regionId: string) => ({ ids, regionId });
  return { table, ids, at };
}

const fields = (Name: string, Size = 1) => ({ Name, Size, tags: [], generation: 0 });

describe("Table", () => {
  it("creates records under a fresh id of the call's region", () => {
    const { table, at } = things();
    const a = table.create(at("cn-hangzhou"), fields("a"));
    expect(a.ThingId).toMatch(/^th-bp1[a-z0-9]{17}$/);
    expect(a.RegionId).toBe("cn-hangzhou");
    expect(table.get(a.ThingId)).toBe(a);
  });

  it("draws the record's id before fields given as a function", () => {
    const first = things();
    const drawn = first.table.create(first.at("cn-hangzhou"), () => ({
      ...fields(first.ids.id("x")),
    }));
    const second = things();
    const id = second.ids.id("th", "cn-hangzhou");
    expect(drawn.ThingId).toBe(id);
    expect(drawn.Name).toBe(second.ids.id("x"));
  });

  it("finds a record of the call's region only, else raises the product's NotFound", () => {
    const { table, at } = things();
    const a = table.create(at("cn-hangzhou"), fields("a"));
    expect(table.find(at("cn-hangzhou"), a.ThingId)).toBe(a);
    for (const [region, id] of [
      ["cn-beijing", a.ThingId],
      ["cn-hangzhou", "th-missing"],
    ] as const) {
      const error = (() => {
        try {
          table.find(at(region), id);
        } catch (e) {
          return e;
        }
      })();
      expect(error).toBeInstanceOf(FakeApiError);
      expect(error).toMatchObject({
        code: "InvalidThingId.NotFound",
        message: `Specified thing ${id} does not exist.`,
      });
    }
  });

  it("lists the records of a region in creation order", () => {
    const { table, at } = things();
    const a = table.create(at("cn-hangzhou"), fields("a"));
    table.create(at("cn-beijing"), fields("b"));
    const c = table.create(at("cn-hangzhou"), fields("c"));
    expect(table.inRegion(at("cn-hangzhou"))).toEqual([a, c]);
  });
});

describe("where", () => {
  const { table, at } = things();
  const a = table.create(at("r"), { ...fields("a", 1), tags: [{ Key: "env", Value: "prod" }] });
  const b = table.create(at("r"), fields("b", 2));
  const list = [a, b];
  type Query = { Name?: string; ThingIds?: string; Big?: boolean; Label?: string; Tag?: unknown };
  const pick = (input: Query) =>
    list.filter(
      where<Thing, Query>(input, ["Name"], {
        ThingIds: oneOf("ThingId"),
        Big: (t, big) => t.Size > 1 === big,
        Label: "Name",
        Tag: tagged,
      }),
    );

  it("matches everything when no filter is given", () => {
    expect(pick({})).toEqual([a, b]);
  });

  it("compares a same-named field, a field of another name, or runs the rule", () => {
    expect(pick({ Name: "b" })).toEqual([b]);
    expect(pick({ Label: "a" })).toEqual([a]);
    expect(pick({ Big: true })).toEqual([b]);
    expect(pick({ Tag: [{ Key: "env" }] })).toEqual([a]);
  });

  it("needs every given filter to agree", () => {
    expect(pick({ Name: "a", Big: true })).toEqual([]);
  });

  it("takes an id list as csv or list, an empty one matching all", () => {
    expect(pick({ ThingIds: `${b.ThingId},x` })).toEqual([b]);
    expect(pick({ ThingIds: "" })).toEqual([a, b]);
  });
});

describe("apiFields", () => {
  it("keeps the PascalCase fields and drops the fake's own camelCase ones", () => {
    const { table, at } = things();
    const a = table.create(at("r"), fields("a"));
    expect(apiFields(a)).toEqual({ ThingId: a.ThingId, RegionId: "r", Name: "a", Size: 1 });
  });
});
