// Bad input gets a clear error naming the action, the parameter path and the rule; nothing is sent.
import { describe, expect, it } from "vitest";
import {
  createEciClient,
  createSlbClient,
  createVpcClient,
  ValidationError,
} from "../../src/index.js";
import { json, KEYS, scriptedFetch } from "../helpers.js";

function clients() {
  const { fetch, sent } = scriptedFetch(json({ RequestId: "r" }));
  const options = { regionId: "cn-hangzhou", credentials: KEYS, fetch };
  return {
    eci: createEciClient(options),
    vpc: createVpcClient(options),
    slb: createSlbClient(options),
    sent,
  };
}

async function rejection(call: Promise<unknown>): Promise<ValidationError> {
  const error = await call.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ValidationError);
  return error as ValidationError;
}

const container = { Name: "web", Image: "nginx:1.25" };
const group = { RegionId: "cn-hangzhou", ContainerGroupName: "web", Container: [container] };
// biome-ignore lint/suspicious/noExplicitAny: deliberately wrong inputs, as a JavaScript caller could send them
const loose = (x: unknown) => x as any;

describe("validation before sending", () => {
  it("names the action, the path as written (Container[0].Port[1].Port) and the rule", async () => {
    const { eci, sent } = clients();
    const error = await rejection(
      eci.createContainerGroup({
        ...group,
        Container: [{ ...container, Port: [{ Port: 80 }, { Port: 70000 }] }],
      }),
    );
    expect(error.action).toBe("CreateContainerGroup");
    expect(error.path).toBe("Container[0].Port[1].Port");
    expect(error.rule).toBe("must be between 1 and 65535 (got 70000)");
    expect(error.message).toBe(
      "CreateContainerGroup: invalid input: Container[0].Port[1].Port must be between 1 and 65535 (got 70000)",
    );
    expect(error.attempts).toBe(0);
    expect(sent).toHaveLength(0);
  });

  it("required parameters, at every level", async () => {
    const { eci, sent } = clients();
    const error = await rejection(
      eci.createContainerGroup(loose({ RegionId: "cn-hangzhou", Container: [{ Name: "web" }] })),
    );
    expect(error.issues).toEqual([
      { path: "ContainerGroupName", rule: "is required" },
      { path: "Container[0].Image", rule: "is required" },
    ]);
    expect(sent).toHaveLength(0);
  });

  it("enums", async () => {
    const { eci } = clients();
    const error = await rejection(
      eci.createContainerGroup(loose({ ...group, RestartPolicy: "Sometimes" })),
    );
    expect(error.issues[0]).toEqual({
      path: "RestartPolicy",
      rule: 'must be one of "Always", "Never", "OnFailure" (got "Sometimes")',
    });
  });

  it("types: a string where a number belongs, a list where an object belongs", async () => {
    const { eci } = clients();
    const error = await rejection(
      eci.createContainerGroup(loose({ ...group, Cpu: "2", DnsConfig: ["1.1.1.1"] })),
    );
    expect(error.issues).toEqual([
      { path: "Cpu", rule: 'must be a number (got "2")' },
      { path: "DnsConfig", rule: "must be an object (got a list)" },
    ]);
  });

  it("unknown parameters are refused instead of silently dropped", async () => {
    const { eci } = clients();
    const error = await rejection(
      eci.createContainerGroup(loose({ ...group, ContainerGroupNmae: "typo" })),
    );
    expect(error.issues[0]).toEqual({
      path: "ContainerGroupNmae",
      rule: "is not a parameter of CreateContainerGroup",
    });
  });

  describe("image caches: the user guide's sizing is advice, the API's rules are enforced", () => {
    const cache = { RegionId: "cn-hangzhou", ImageCacheName: "c1", Image: ["nginx:1.25"] };

    it("21 images, 19 or 501 GiB and any retention are sent: the API states no such limits", async () => {
      const { eci, sent } = clients();
      const images = Array.from({ length: 21 }, (_, i) => `registry.example/app:${i}`);
      await eci.createImageCache({ ...cache, Image: images });
      await eci.createImageCache({ ...cache, ImageCacheSize: 19, RetentionDays: 0 });
      await eci.createImageCache({ ...cache, ImageCacheSize: 501, RetentionDays: 65537 });
      await eci.updateImageCache({ RegionId: "cn-hangzhou", ImageCacheId: "imc-1", Image: [] });
      expect(sent).toHaveLength(4);
      expect(sent[0]?.params["Image.21"]).toBe("registry.example/app:20");
    });

    it("an empty image list on a create is refused: it sends no Image, which is required", async () => {
      const { eci, sent } = clients();
      const error = await rejection(eci.createImageCache({ ...cache, Image: [] }));
      expect(error.issues[0]).toEqual({ path: "Image", rule: "must have at least 1 item (got 0)" });
      expect(sent).toHaveLength(0);
    });
  });

  describe("ContainerGroupName: 2-128 lower-case letters, digits and hyphens, no hyphen at either end", () => {
    it.each([
      ["Bad_Name!", "must match"],
      ["UPPER", "must match"],
      ["a", "must be at least 2 characters long (got 1)"],
      ["-x-", "must match"],
      ["x".repeat(129), "must be at most 128 characters long (got 129)"],
    ])("%s is refused", async (name, rule) => {
      const { eci, sent } = clients();
      const error = await rejection(
        eci.createContainerGroup({ ...group, ContainerGroupName: name }),
      );
      expect(error.path).toBe("ContainerGroupName");
      expect(error.rule).toContain(rule);
      expect(sent).toHaveLength(0);
    });
  });

  describe("SLB backend servers", () => {
    it("at most 20 per call", async () => {
      const { slb, sent } = clients();
      const servers = Array.from({ length: 21 }, (_, i) => ({ ServerId: `i-${i}` }));
      const error = await rejection(
        slb.addBackendServers({ LoadBalancerId: "lb-1", BackendServers: servers }),
      );
      expect(error.issues[0]).toEqual({
        path: "BackendServers",
        rule: "must have at most 20 items (got 21)",
      });
      expect(sent).toHaveLength(0);
    });

    it.each(["eci", "eni"] as const)("Type %s needs ServerIp", async (type) => {
      const { slb, sent } = clients();
      const error = await rejection(
        slb.addBackendServers({
          LoadBalancerId: "lb-1",
          BackendServers: [{ ServerId: "eci-1", Type: type }],
        }),
      );
      expect(error.issues[0]).toEqual({
        path: "BackendServers[0].ServerIp",
        rule: `is required when Type is "${type}"`,
      });
      expect(sent).toHaveLength(0);
    });

    it("an eci backend with its IP goes out as one JSON parameter", async () => {
      const { slb, sent } = clients();
      await slb.addBackendServers({
        LoadBalancerId: "lb-1",
        BackendServers: [
          { ServerId: "eci-1", Type: "eci", ServerIp: "192.168.0.9", Weight: "100" },
        ],
      });
      expect(sent[0]?.params.BackendServers).toBe(
        '[{"ServerId":"eci-1","Type":"eci","ServerIp":"192.168.0.9","Weight":"100"}]',
      );
    });

    it("Weight accepts 0-100 as a number or a numeric string", async () => {
      const { slb } = clients();
      const error = await rejection(
        slb.addBackendServers({
          LoadBalancerId: "lb-1",
          BackendServers: [{ ServerId: "i-1", Weight: 101 }],
        }),
      );
      expect(error.issues[0]).toEqual({
        path: "BackendServers[0].Weight",
        rule: "must be between 0 and 100 (got 101)",
      });
    });
  });

  it("string patterns (a DNAT port is 1-65535, a range or Any)", async () => {
    const { vpc, sent } = clients();
    const entry = {
      RegionId: "cn-hangzhou",
      ForwardTableId: "ftb-1",
      ExternalIp: "47.0.0.1",
      InternalIp: "192.168.0.2",
      IpProtocol: "TCP" as const,
      InternalPort: "80",
    };
    const error = await rejection(vpc.createForwardEntry({ ...entry, ExternalPort: "70000" }));
    expect(error.path).toBe("ExternalPort");
    expect(error.rule).toMatch(/^must match .* \(got "70000"\)$/);
    await vpc.createForwardEntry({ ...entry, ExternalPort: "8080" });
    expect(sent).toHaveLength(1);
  });

  it("comma lists: at most 20 VPC ids", async () => {
    const { vpc } = clients();
    const ids = Array.from({ length: 21 }, (_, i) => `vpc-${i}`);
    const error = await rejection(vpc.describeVpcs({ RegionId: "cn-hangzhou", VpcId: ids }));
    expect(error.issues[0]).toEqual({ path: "VpcId", rule: "must have at most 20 items (got 21)" });
  });
});
