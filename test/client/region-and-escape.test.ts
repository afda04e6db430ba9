// The client's region fills RegionId; `validate: false` and `rawParameters` send what the
// spec does not know yet, and misspelt parameters stay refused by default.
import { describe, expect, it } from "vitest";
import { ConfigurationError, createEciClient, ValidationError } from "../../src/index.js";
import { createFakeCloud } from "../../src/testing.js";
import { json, KEYS, scriptedFetch } from "../helpers.js";

function client(regionId = "cn-shanghai") {
  const { fetch, sent } = scriptedFetch(json({ RequestId: "r", ContainerGroupId: "eci-1" }));
  return { eci: createEciClient({ regionId, credentials: KEYS, fetch, retry: false }), sent };
}

const group = { ContainerGroupName: "web", Container: [{ Name: "web", Image: "nginx:1.25" }] };

describe("RegionId from the client", () => {
  it("an input without RegionId carries the client's region on the wire", async () => {
    const { eci, sent } = client("cn-shanghai");
    await eci.createContainerGroup(group);
    await eci.describeContainerGroups({});
    expect(sent.map((s) => s.params.RegionId)).toEqual(["cn-shanghai", "cn-shanghai"]);
    expect(sent[0]?.url.host).toBe("eci.cn-shanghai.aliyuncs.com");
  });

  it("an explicit RegionId wins", async () => {
    const { eci, sent } = client("cn-shanghai");
    await eci.describeContainerGroups({ RegionId: "cn-hangzhou" });
    expect(sent[0]?.params.RegionId).toBe("cn-hangzhou");
  });

  it("works through the signing proxy too", async () => {
    const { fetch, sent } = scriptedFetch(json({ RequestId: "r" }));
    const eci = createEciClient({
      regionId: "cn-beijing",
      proxy: "https://app.example/api",
      fetch,
    });
    await eci.describeContainerGroups({});
    expect(JSON.parse(sent[0]?.body ?? "{}")).toEqual({ RegionId: "cn-beijing" });
  });

  it("the fake cloud, like the API, sees it in the region the client was made for", async () => {
    const fake = createFakeCloud();
    const eci = createEciClient({ regionId: "cn-hangzhou", ...fake.clientOptions() });
    const { ContainerGroupId } = await eci.createContainerGroup(group);
    const { ContainerGroups } = await eci.describeContainerGroups({});
    expect(ContainerGroups?.map((g) => [g.ContainerGroupId, g.RegionId])).toEqual([
      [ContainerGroupId, "cn-hangzhou"],
    ]);
  });
});

describe("validate: false on one call", () => {
  it("sends an input the spec would refuse, still flattened and signed", async () => {
    const { eci, sent } = client();
    const input = { ...group, ContainerGroupName: "Not_A_Valid_Name", NewOption: { Mode: "x" } };
    await expect(eci.createContainerGroup(input as never)).rejects.toBeInstanceOf(ValidationError);
    expect(sent).toHaveLength(0);
    await eci.createContainerGroup(input as never, { validate: false });
    expect(sent).toHaveLength(1);
    expect(sent[0]?.params).toMatchObject({
      ContainerGroupName: "Not_A_Valid_Name",
      "NewOption.Mode": "x",
      "Container.1.Image": "nginx:1.25",
      RegionId: "cn-shanghai",
    });
    expect(sent[0]?.params.ClientToken).toMatch(/^[0-9a-f-]{36}$/);
    expect(sent[0]?.headers.authorization).toMatch(/^ACS3-HMAC-SHA256 /);
  });

  it("a client made with validate: false can turn it back on for one call", async () => {
    const { fetch, sent } = scriptedFetch(json({ RequestId: "r" }));
    const eci = createEciClient({
      regionId: "cn-hangzhou",
      credentials: KEYS,
      fetch,
      validate: false,
    });
    await eci.createContainerGroup({ ...group, ContainerGroupName: "A" });
    await expect(
      eci.createContainerGroup({ ...group, ContainerGroupName: "A" }, { validate: true }),
    ).rejects.toBeInstanceOf(ValidationError);
    expect(sent).toHaveLength(1);
  });
});

describe("rawParameters: a parameter newer than the spec", () => {
  it("are sent as given beside the validated input", async () => {
    const { eci, sent } = client();
    await eci.createContainerGroup(group, {
      rawParameters: { NewFeature: "on", "NewList.1.Name": "a", Count: 3, Flag: true },
    });
    expect(sent[0]?.params).toMatchObject({
      NewFeature: "on",
      "NewList.1.Name": "a",
      Count: "3",
      Flag: "true",
      ContainerGroupName: "web",
    });
  });

  it("a misspelt parameter in the input is still refused", async () => {
    const { eci, sent } = client();
    const error = await eci
      .createContainerGroup({ ...group, ContainerGroupNmae: "web" } as never, {
        rawParameters: { NewFeature: "on" },
      })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).issues).toContainEqual({
      path: "ContainerGroupNmae",
      rule: "is not a parameter of CreateContainerGroup",
    });
    expect(sent).toHaveLength(0);
  });

  it("names the signer owns or the input fills are refused before sending", async () => {
    const { eci, sent } = client();
    const error = await eci
      .createContainerGroup(group, {
        rawParameters: { Signature: "x", AccessKeyId: "y", ContainerGroupName: "z" },
      })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).issues).toEqual([
      { path: "rawParameters.Signature", rule: "is set by the signer" },
      { path: "rawParameters.AccessKeyId", rule: "is set by the signer" },
      { path: "rawParameters.ContainerGroupName", rule: "is also given in the input" },
    ]);
    expect(sent).toHaveLength(0);
  });

  it("are refused in proxy mode: the proxy signs only what its policy checked", async () => {
    const { fetch, sent } = scriptedFetch(json({ RequestId: "r" }));
    const eci = createEciClient({
      regionId: "cn-hangzhou",
      proxy: "https://app.example/api",
      fetch,
    });
    await expect(
      eci.describeContainerGroups({}, { rawParameters: { X: "1" } }),
    ).rejects.toBeInstanceOf(ConfigurationError);
    expect(sent).toHaveLength(0);
  });
});
