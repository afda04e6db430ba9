// Issue 14, defects 3–5: inputs are read from own keys of plain objects only; what the
// spec does not name is refused before anything is sent, quickly, whatever its shape.
import { describe, expect, it } from "vitest";
import { ConfigurationError, createEciClient, ValidationError } from "../../src/index.js";
import { json, KEYS, scriptedFetch } from "../helpers.js";

function client() {
  const { fetch, sent } = scriptedFetch(json({ RequestId: "r" }));
  const eci = createEciClient({ regionId: "cn-hangzhou", credentials: KEYS, fetch, retry: false });
  return { eci, sent };
}

const refusal = (promise: Promise<unknown>) =>
  promise.then(
    () => undefined,
    (error: unknown) => error as ValidationError,
  );

describe("hostile inputs", () => {
  it.each([
    "constructor",
    "toString",
    "hasOwnProperty",
    "valueOf",
    "__defineGetter__",
    "isPrototypeOf",
  ])("an Object.prototype name (%s) is not a parameter", async (name) => {
    const { eci, sent } = client();
    const error = await refusal(
      eci.describeContainerGroups({ RegionId: "cn-hangzhou", [name]: "x" } as never),
    );
    expect(error).toBeInstanceOf(ValidationError);
    expect(error?.issues).toEqual([
      { path: name, rule: "is not a parameter of DescribeContainerGroups" },
    ]);
    const nested = await refusal(
      eci.createContainerGroup({
        RegionId: "cn-hangzhou",
        ContainerGroupName: "web",
        Container: [{ Name: "c", Image: "nginx", [name]: { any: "thing" } }],
      } as never),
    );
    expect(nested?.issues[0]?.path).toBe(`Container[0].${name}`);
    expect(sent).toHaveLength(0);
  });

  it("an own __proto__ key (from JSON.parse) is refused, not sent, and never becomes a prototype", async () => {
    const { eci, sent } = client();
    const input = JSON.parse(
      '{"RegionId":"cn-hangzhou","__proto__":{"ContainerGroupName":"victim"}}',
    );
    const error = await refusal(eci.describeContainerGroups(input));
    expect(error?.issues).toEqual([
      { path: "__proto__", rule: "is not a parameter of DescribeContainerGroups" },
    ]);
    expect(sent).toHaveLength(0);
    expect(({} as Record<string, unknown>).ContainerGroupName).toBeUndefined();
  });

  it("inherited fields are not read: only own keys are input", async () => {
    const { eci, sent } = client();
    const input = Object.create({ ContainerGroupName: "inherited" });
    input.RegionId = "cn-hangzhou";
    await eci.describeContainerGroups(input);
    expect(sent[0]?.params).toEqual({ RegionId: "cn-hangzhou" });
  });

  it("client.call with an Object.prototype name is not an action", async () => {
    const { eci, sent } = client();
    for (const action of ["constructor", "toString", "__proto__", "hasOwnProperty"]) {
      await expect(eci.call(action, {})).rejects.toBeInstanceOf(ConfigurationError);
    }
    expect(sent).toHaveLength(0);
  });

  it("an undefined input is validated like {} (names what is required; RegionId comes from the client)", async () => {
    const { eci, sent } = client();
    const created = await refusal(eci.createContainerGroup(undefined as never));
    expect(created).toBeInstanceOf(ValidationError);
    expect(created?.issues.map((i) => i.path)).toEqual(["ContainerGroupName"]);
    expect(sent).toHaveLength(0);
  });

  it("list holes, undefined and null items are refused", async () => {
    const { eci, sent } = client();
    const base = { RegionId: "cn-hangzhou", ContainerGroupName: "web" };
    for (const Container of [[undefined], [null], new Array(1)]) {
      const error = await refusal(eci.createContainerGroup({ ...base, Container } as never));
      expect(error?.issues[0]).toMatchObject({ path: "Container[0]" });
    }
    expect(sent).toHaveLength(0);
  });

  it.each([
    ["a Date", new Date()],
    ["a Map", new Map([["a", 1]])],
    ["a Set", new Set([1])],
    ["a RegExp", /x/],
    ["a Promise", Promise.resolve(1)],
    ["an Error", new Error("x")],
  ])("%s where an object is expected is refused, not silently dropped", async (_, value) => {
    const { eci, sent } = client();
    const error = await refusal(
      eci.createContainerGroup({
        RegionId: "cn-hangzhou",
        ContainerGroupName: "web",
        Container: [{ Name: "c", Image: "nginx", SecurityContext: value }],
      } as never),
    );
    expect(error?.issues[0]?.path).toBe("Container[0].SecurityContext");
    expect(error?.issues[0]?.rule).toMatch(/^must be an object \(got a /);
    expect(sent).toHaveLength(0);
  });

  it("a sparse list far longer than any limit is refused without walking it", async () => {
    const { eci, sent } = client();
    const huge = new Array(2 ** 32 - 1);
    const error = await refusal(
      eci.createContainerGroup({
        RegionId: "cn-hangzhou",
        ContainerGroupName: "web",
        Container: [{ Name: "c", Image: "nginx" }],
        Tag: huge,
      } as never),
    );
    expect(error?.issues).toEqual([
      { path: "Tag", rule: "must have at most 10000 items (got 4294967295)" },
    ]);
    const unbounded = await refusal(
      eci.describeContainerGroups({ RegionId: "cn-hangzhou", Tag: new Array(3e7) } as never),
    );
    expect(unbounded?.issues[0]?.rule).toMatch(/^must have at most \d+ items \(got 30000000\)$/);
    expect(sent).toHaveLength(0);
  });
});
