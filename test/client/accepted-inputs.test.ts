// Inputs the API accepts are never refused before sending: the API docs' own examples,
// the spellings the reference notes (any case, numeric strings, protocol numbers), and
// every boundary value the reference states, parameter by parameter.
import { describe, expect, it } from "vitest";
import type { ProductKey } from "../../generated/products.js";
import { PRODUCT_TABLES } from "../../generated/products.meta.js";
import { Examples } from "../../scripts/gen/examples.js";
import { loadReference } from "../../scripts/lib/check.js";
import { deref, type Schema } from "../../scripts/lib/schema.js";
import { loadSpec, products, requestSchema } from "../../scripts/lib/spec.js";
import { validate } from "../../src/core/validate.js";
import { ValidationError } from "../../src/index.js";

// biome-ignore lint/suspicious/noExplicitAny: reference JSON is untyped
type Ref = Record<string, any>;

const reference = loadReference();
const shapes = (product: string) => PRODUCT_TABLES[product as ProductKey].shapes;

/** The issues `validate` finds, as strings; [] when the input is accepted. */
function refusals(product: string, action: string, input: object): string[] {
  const shape = shapes(product)[action];
  if (!shape) return [`${action}: no shape`];
  try {
    validate(action, shape, input);
    return [];
  } catch (error) {
    if (!(error instanceof ValidationError)) throw error;
    return error.issues.map((i) => `${action} ${i.path} ${i.rule}`);
  }
}

const group = {
  RegionId: "cn-hangzhou",
  ContainerGroupName: "web",
  Container: [{ Name: "web", Image: "nginx:1.25" }],
};
const letters = (n: number, char = "a") => char.repeat(n);

/** [product, action, input, why] */
const EXAMPLES: [string, string, object, string][] = [
  // the API reference's own example of RemoveBackendServers writes Weight as a string
  [
    "slb",
    "RemoveBackendServers",
    {
      RegionId: "cn-hangzhou",
      LoadBalancerId: "lb-bp1a2b3c4d5e6f7g8h9i",
      BackendServers: [{ ServerId: "eci-2ze1sdp5****", Type: "eci", Weight: "100" }],
    },
    "docs example, Weight as a string",
  ],
  ...["0", "100", 0, 100].map(
    (weight) =>
      [
        "slb",
        "SetBackendServers",
        {
          RegionId: "cn-hangzhou",
          LoadBalancerId: "lb-1",
          BackendServers: [
            { ServerId: "eci-1", Type: "eci", ServerIp: "192.168.0.9", Weight: weight, Port: "80" },
          ],
        },
        `Weight ${JSON.stringify(weight)}`,
      ] as [string, string, object, string],
  ),
  [
    "slb",
    "AddBackendServers",
    { LoadBalancerId: "lb-1", BackendServers: [] },
    "an empty JSON list: the API reads it",
  ],
  ...["tcp", "Tcp", "udp", "icmp", "icmpv6", "gre", "all", "ALL", "6", "0", "255"].flatMap(
    (protocol) =>
      ["AuthorizeSecurityGroup", "RevokeSecurityGroup", "AuthorizeSecurityGroupEgress"].map(
        (action) =>
          [
            "ecs",
            action,
            {
              RegionId: "cn-hangzhou",
              SecurityGroupId: "sg-1",
              Permissions: [
                {
                  IpProtocol: protocol,
                  PortRange: "-1/-1",
                  SourceCidrIp: "0.0.0.0/0",
                  DestCidrIp: "0.0.0.0/0",
                },
              ],
            },
            `IpProtocol ${protocol}`,
          ] as [string, string, object, string],
      ),
  ),
  ...[1, 19, 20, 500, 501, 2048].map(
    (size) =>
      [
        "eci",
        "CreateImageCache",
        {
          RegionId: "cn-hangzhou",
          ImageCacheName: "cache",
          Image: ["nginx:1.25"],
          ImageCacheSize: size,
          SecurityGroupId: "sg-1",
          VSwitchId: "vsw-1",
        },
        `ImageCacheSize ${size}`,
      ] as [string, string, object, string],
  ),
  ...[0, 1, 65536, 100000].map(
    (days) =>
      [
        "eci",
        "UpdateImageCache",
        { RegionId: "cn-hangzhou", ImageCacheId: "imc-1", RetentionDays: days },
        `RetentionDays ${days}`,
      ] as [string, string, object, string],
  ),
  [
    "eci",
    "CreateImageCache",
    {
      RegionId: "cn-hangzhou",
      ImageCacheName: "cache",
      Image: Array.from({ length: 21 }, (_, i) => `app${i}:1`),
      SecurityGroupId: "sg-1",
      VSwitchId: "vsw-1",
    },
    "21 images",
  ],
  [
    "eci",
    "UpdateImageCache",
    { RegionId: "cn-hangzhou", ImageCacheId: "imc-1", Image: [] },
    "Image: []",
  ],
  [
    "eci",
    "ExecContainerCommand",
    { RegionId: "cn-hangzhou", ContainerGroupId: "eci-1", ContainerName: "web", Command: [] },
    "Command: []",
  ],
  // ContainerGroupName at its stated bounds
  ...["ab", "a1", "0-9", "nginx-test", letters(128), `a${letters(126, "-")}z`].map(
    (name) =>
      [
        "eci",
        "CreateContainerGroup",
        { ...group, ContainerGroupName: name },
        `name ${name.slice(0, 20)}`,
      ] as [string, string, object, string],
  ),
  // lengths count characters: 128 CJK characters or emoji are 128, not 256 UTF-16 units
  [
    "eci",
    "CreateContainerGroup",
    { ...group, Tag: [{ Key: letters(128, "标"), Value: letters(128, "😀") }] },
    "tag of 128 characters",
  ],
  [
    "ecs",
    "CreateSecurityGroup",
    { RegionId: "cn-hangzhou", SecurityGroupName: "安全组-web", Description: letters(256, "d") },
    "a name starting with a Unicode letter",
  ],
  [
    "vpc",
    "AllocateEipAddress",
    { RegionId: "cn-hangzhou", Bandwidth: "200" },
    "Bandwidth as the API's string",
  ],
  [
    "vpc",
    "CreateForwardEntry",
    {
      RegionId: "cn-hangzhou",
      ForwardTableId: "ftb-1",
      ExternalIp: "47.1.1.1",
      ExternalPort: "1/65535",
      InternalIp: "192.168.0.2",
      InternalPort: "1/65535",
      IpProtocol: "Any",
    },
    "port ranges",
  ],
];

describe("inputs the API accepts", () => {
  it.each(EXAMPLES)("%s %s: %o (%s)", (product, action, input) => {
    expect(refusals(product, action, input)).toEqual([]);
  });
});

/**
 * One input per stated fact of the reference: each enum value, each range's ends, a list
 * at its limit, both booleans; the rest of the input is the action's valid example.
 */
function boundaryInputs(product: string): { action: string; param: string; input: object }[] {
  const spec = loadSpec(product);
  const examples = new Examples(spec.doc);
  const out: { action: string; param: string; input: object }[] = [];
  for (const [action, op] of spec.operations) {
    const request = requestSchema(spec, op);
    const base = (op["x-pop-example"] as object | undefined) ?? examples.input(request);
    for (const param of reference.services[product].actions[action].params as Ref[]) {
      if (param.internal || param.onlyInMeta || param.style === "json" || param.style === "csv")
        continue;
      for (const value of boundaryValues(param)) {
        const input = structuredClone(base) as Record<string, unknown>;
        if (place(spec.doc, examples, request, input, param.name.split("."), value))
          out.push({ action, param: `${param.name}=${JSON.stringify(value)}`, input });
      }
    }
  }
  return out;
}

function boundaryValues(param: Ref): unknown[] {
  const numeric = param.type !== "string" && param.type !== "boolean";
  const spell = (n: number) => (numeric ? n : String(n));
  const values: unknown[] = [];
  if (param.enum) {
    values.push(...param.enum);
    if (/case-insensitive/.test(param.note ?? ""))
      values.push(...param.enum.map((v: string) => v.toLowerCase()));
  }
  if (param.min !== undefined) values.push(spell(param.min));
  if (param.max !== undefined) values.push(spell(param.max));
  if (param.type === "boolean") values.push(true, false);
  return values;
}

/** Sets `value` at a wire name (`Container.N.Port.N.Port`) inside `input`; false when the spec has no such place. */
function place(
  doc: Schema,
  examples: Examples,
  schema: Schema,
  target: Record<string, unknown>,
  parts: string[],
  value: unknown,
): boolean {
  const [name, ...rest] = parts;
  if (name === undefined) return false;
  const field = deref(doc, schema.properties?.[name]);
  if (!schema.properties?.[name]) return false;
  if (rest.length === 0) {
    target[name] = value;
    return true;
  }
  if (field.type === "array" && /^(N|\d+)$/.test(rest[0] ?? "")) {
    const item = deref(doc, field.items);
    const list = (Array.isArray(target[name]) ? target[name] : []) as unknown[];
    target[name] = list;
    if (rest.length === 1) {
      list.splice(0, list.length, value);
      return true;
    }
    const first = (list[0] ?? examples.input(item)) as Record<string, unknown>;
    list[0] = first;
    return place(doc, examples, item, first, rest.slice(1), value);
  }
  if (field.type === "object" || field.properties) {
    const inner = (target[name] ?? examples.input(field)) as Record<string, unknown>;
    target[name] = inner;
    return place(doc, examples, field, inner, rest, value);
  }
  return false;
}

describe.each(products.filter((p) => reference.services[p]))(
  "every boundary the reference states for %s",
  (product) => {
    it("is accepted", () => {
      const cases = boundaryInputs(product);
      const refused = cases.flatMap((c) =>
        refusals(product, c.action, c.input).map((r) => `${c.param}: ${r}`),
      );
      expect(refused).toEqual([]);
      expect(cases.length).toBeGreaterThan(50);
    });
  },
);
