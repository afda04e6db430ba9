// unflatten: POP wire parameters back into the nested input, the inverse of flatten.
import { describe, expect, it } from "vitest";
import { eciInfo } from "../../generated/eci.service.js";
import { ecsInfo } from "../../generated/ecs.service.js";
import { slbInfo } from "../../generated/slb.service.js";
import { vpcInfo } from "../../generated/vpc.service.js";
import { flatten } from "../../src/sign/flatten.js";
import { compact, MAX_LIST_INDEX, unflatten } from "../../src/testing/unflatten.js";

const eciService = await eciInfo.load();
const ecsService = await ecsInfo.load();
const slbService = await slbInfo.load();
const vpcService = await vpcInfo.load();

const create = eciService.actions.CreateContainerGroup?.in as NonNullable<
  typeof eciService.actions.CreateContainerGroup
>["in"];

describe("unflatten", () => {
  it("rebuilds lists and objects, converting numbers and booleans by the shape", () => {
    const input = unflatten(
      {
        RegionId: "cn-hangzhou",
        "Container.1.Name": "web",
        "Container.1.Port.1.Port": "80",
        "Container.1.Port.1.Protocol": "TCP",
        "Container.1.Cpu": "0.5",
        "Container.1.Tty": "true",
        "Container.2.Command.2": "-c",
        "Container.2.Command.1": "sh",
        "DnsConfig.NameServer.1": "8.8.8.8",
        AutoMatchImageCache: "False",
      },
      create,
    );
    expect(input).toEqual({
      RegionId: "cn-hangzhou",
      Container: [
        { Name: "web", Port: [{ Port: 80, Protocol: "TCP" }], Cpu: 0.5, Tty: true },
        { Command: ["sh", "-c"] },
      ],
      DnsConfig: { NameServer: ["8.8.8.8"] },
      AutoMatchImageCache: false,
    });
  });

  it("parses JSON parameters and splits comma-separated ones", () => {
    expect(
      unflatten(
        { ContainerGroupIds: '["eci-1","eci-2"]' },
        eciService.actions.DescribeContainerGroups?.in as never,
      ),
    ).toEqual({ ContainerGroupIds: ["eci-1", "eci-2"] });
    expect(
      unflatten({ VpcId: "vpc-1,vpc-2" }, vpcService.actions.DescribeVpcs?.in as never),
    ).toEqual({ VpcId: ["vpc-1", "vpc-2"] });
    expect(
      unflatten(
        { BackendServers: '[{"ServerId":"eci-1","Weight":"100"}]' },
        slbService.actions.AddBackendServers?.in as never,
      ),
    ).toEqual({
      BackendServers: [{ ServerId: "eci-1", Weight: "100" }],
    });
  });

  it("leaves what does not convert as text, for validation to name", () => {
    expect(
      unflatten(
        { Limit: "many", ContainerGroupIds: "[oops" },
        eciService.actions.DescribeContainerGroups?.in as never,
      ),
    ).toEqual({ Limit: "many", ContainerGroupIds: "[oops" });
    expect(unflatten({ "Container.x.Name": "a", Unknown: "b" }, create)).toEqual({
      "Container.x.Name": "a",
      Unknown: "b",
    });
  });

  it("keeps the gap of a skipped list item", () => {
    const input = unflatten({ "Tag.2.Key": "env" }, create) as { Tag: unknown[] };
    expect(input.Tag).toHaveLength(2);
    expect(input.Tag[0]).toBeUndefined();
  });

  it("builds prototype-free objects: __proto__, constructor and toString are ordinary keys", () => {
    const before = Object.getOwnPropertyNames(Object.prototype);
    let input: Record<string, unknown>;
    try {
      input = unflatten(
        [
          ["__proto__.x", "1"],
          ["Container.1.__proto__.x", "1"],
          ["constructor.prototype.x", "1"],
          ["toString", "x"],
          ["Container.1.Name", "web"],
        ],
        create,
      );
      expect(({} as Record<string, unknown>).x).toBeUndefined();
      expect(Object.getOwnPropertyNames(Object.prototype)).toEqual(before);
    } finally {
      delete (Object.prototype as Record<string, unknown>).x; // a failing run must not poison the rest
    }
    const container = (input.Container as Record<string, unknown>[])[0] as Record<string, unknown>;
    for (const bag of [input, container, compact(input), compact(container)])
      expect(Object.getPrototypeOf(bag)).toBeNull();
    expect(Object.keys(input)).toEqual(["__proto__", "Container", "constructor", "toString"]);
    expect(input.toString).toBe("x");
    expect(Object.keys(container)).toEqual(["__proto__", "Name"]);
  });

  it("parses JSON parameters into prototype-free objects", () => {
    const input = unflatten(
      { Tags: '[{"tagKey":"k","__proto__":{"tagValue":"v"}}]' },
      slbService.actions.DescribeLoadBalancers?.in as never,
    );
    const [tag] = input.Tags as Record<string, unknown>[];
    expect(Object.getPrototypeOf(tag)).toBeNull();
    expect(tag?.tagValue).toBeUndefined();
    expect(Object.keys(tag ?? {})).toEqual(["tagKey", "__proto__"]);
  });

  it("refuses a list index past maxItems, or past MAX_LIST_INDEX, before making the list", () => {
    const refused = (name: string) => {
      try {
        unflatten({ [name]: "c" }, create);
      } catch (error) {
        return [(error as { code: string }).code, (error as Error).message];
      }
      return undefined;
    };
    expect(refused("Container.4294967295.Name")).toEqual([
      "InvalidParameter",
      'The specified parameter "Container" is not valid: must have at most 10000 items (got 4294967295).',
    ]);
    expect(refused("Container.1.Port.10001.Port")?.[1]).toContain('"Container.1.Port"');
    expect(refused(`Tag.${MAX_LIST_INDEX}.Key`)).toBeUndefined();
    expect(() =>
      unflatten(
        { "Permissions.101.IpProtocol": "TCP" },
        ecsService.actions.AuthorizeSecurityGroup?.in as never,
      ),
    ).toThrow('"Permissions" is not valid: must have at most 100 items (got 101)');
  });

  it("round-trips what flatten produces", () => {
    const original = {
      RegionId: "cn-hangzhou",
      ContainerGroupName: "a b",
      VSwitchId: ["vsw-1", "vsw-2"],
      Container: [
        {
          Name: "c",
          Image: "nginx",
          Arg: ["x"],
          EnvironmentVar: [{ Key: "K", Value: "V", FieldRef: { FieldPath: "p" } }],
          Port: [{ Port: 443 }],
        },
      ],
      Tag: [{ Key: "k", Value: "v" }],
      Cpu: 2,
      AutoCreateEip: true,
    };
    expect(unflatten(flatten(original, create), create)).toEqual(original);
  });
});
