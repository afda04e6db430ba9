// unflatten: POP wire parameters back into the nested input, the inverse of flatten.
import { describe, expect, it } from "vitest";
import { eciService } from "../../generated/eci.meta.js";
import { slbService } from "../../generated/slb.meta.js";
import { vpcService } from "../../generated/vpc.meta.js";
import { flatten } from "../../src/sign/flatten.js";
import { unflatten } from "../../src/testing/unflatten.js";

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
