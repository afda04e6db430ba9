// Defect 5: the input authorize sees is the input that is sent: own keys only, no
// prototype, and no key that could set one.
import { describe, expect, it } from "vitest";
import type { ProxyCall } from "../../src/proxy.js";
import { proxy } from "./fixture.js";

function recording() {
  const seen: ProxyCall[] = [];
  const setup = proxy({
    allow: ["eci/*"],
    authorize: (_request, call) => {
      seen.push(call);
      return { principal: "alice" };
    },
  });
  return { ...setup, seen };
}

describe("the input", () => {
  it('a "__proto__" key never smuggles ContainerGroupName upstream', async () => {
    const { call, upstream, seen } = recording();
    const response = await call(
      "eci/DescribeContainerGroups",
      '{"RegionId":"cn-hangzhou","__proto__":{"ContainerGroupName":"victim"}}',
    );
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({
      Code: "ValidationError",
      Issues: [{ path: "__proto__", rule: "is not a parameter of DescribeContainerGroups" }],
    });
    expect(upstream.sent).toHaveLength(0);
    expect(seen).toEqual([]); // refused before authorize: it never sees a call it cannot judge
  });

  it("reserved keys are refused at any depth", async () => {
    const { call, upstream } = recording();
    const bodies = {
      constructor: '{"RegionId":"cn-hangzhou","constructor":{"prototype":{"x":1}}}',
      "Container[0].__proto__":
        '{"RegionId":"cn-hangzhou","ContainerGroupName":"a","Container":[{"Name":"a","Image":"i","__proto__":{"Command":["sh"]}}]}',
      "Tag[0].prototype": '{"RegionId":"cn-hangzhou","Tag":[{"prototype":"x"}]}',
    };
    for (const [path, body] of Object.entries(bodies)) {
      const response = await call("eci/CreateContainerGroup", body);
      expect(response.status, path).toBe(400);
      const issues = (await response.json()).Issues as { path: string }[];
      expect(issues.map((issue) => issue.path)).toEqual([path]);
    }
    expect(upstream.sent).toHaveLength(0);
  });

  it("authorize sees exactly what is sent, on an object without a prototype", async () => {
    const { call, upstream, seen } = recording();
    const response = await call("eci/DescribeContainerGroups", {
      RegionId: "cn-hangzhou",
      ContainerGroupName: "web",
      Limit: 5,
      SecurityToken: "dropped",
    });
    expect(response.status).toBe(200);
    const input = seen[0]?.input as Record<string, unknown>;
    expect(Object.getPrototypeOf(input)).toBeNull();
    expect(Object.keys(input).sort()).toEqual(Object.keys(upstream.sent[0]?.params ?? {}).sort());
    expect({ ...input }).toEqual({ RegionId: "cn-hangzhou", ContainerGroupName: "web", Limit: 5 });
  });
});
