// Our client, given the official clients' inputs, fixed time and nonce, sends what they sent.
import { describe, expect, it } from "vitest";
import { createEciClient } from "../../src/index.js";
import { flatten, type Params } from "../../src/sign/flatten.js";
import { sha256Hex } from "../../src/sign/hash.js";
import { canonicalQueryV1, createV1Signer, stringToSignV1 } from "../../src/sign/v1.js";
import { canonicalQueryV3, canonicalRequestV3, signedHeadersOf } from "../../src/sign/v3.js";
import { createV3Signer } from "../../src/sign/v3-signer.js";
import { vectors } from "../reference.js";

// biome-ignore lint/suspicious/noExplicitAny: vector JSON
type Vector = Record<string, any>;

const decodedQuery = (url: string) =>
  [...new URL(url, "http://x").searchParams].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));

function capture(v: Vector) {
  const sent: { url: string; init: RequestInit }[] = [];
  const eci = createEciClient({
    regionId: "cn-hangzhou",
    endpoint: `http://${v.wire.rawHeaders.find(([n]: string[]) => n?.toLowerCase() === "host")[1]}`,
    credentials: {
      accessKeyId: v.fixed.accessKeyId,
      accessKeySecret: v.fixed.accessKeySecret,
      securityToken: v.fixed.securityToken,
    },
    signatureVersion: v.kind === "e2e-rpc-v1" ? "v1" : "v3",
    now: () => Date.parse(v.fixed.timestamp),
    nonce: () => v.fixed.nonce,
    fetch: async (url, init) => {
      sent.push({ url, init });
      return new Response(JSON.stringify({ RequestId: "req-1", ContainerGroups: [] }), {
        status: 200,
      });
    },
  });
  return { eci, sent };
}

/** The official SDK model takes ContainerGroupIds as a JSON string; ours takes the array. */
function typedInput(sdkInput: Vector) {
  const input = { ...sdkInput };
  if (typeof input.ContainerGroupIds === "string")
    input.ContainerGroupIds = JSON.parse(input.ContainerGroupIds);
  return input;
}

describe("end-to-end wire captures of @alicloud/eci20180808 2.0.3", () => {
  const eciVectors = vectors.endToEnd.filter((v: Vector) => v.id.startsWith("e2e-eci-"));
  expect(eciVectors.length).toBe(6);

  for (const v of eciVectors) {
    it(`${v.id}: same parameters, same signature`, async () => {
      const { eci, sent } = capture(v);
      const action = v.wire.rawHeaders.find(([n]: string[]) => n === "x-acs-action")[1];
      await eci.call(action, typedInput(v.sdkInput));
      expect(sent).toHaveLength(1);
      const [{ url, init }] = sent as [{ url: string; init: RequestInit }];
      expect(init.method).toBe(v.wire.method);
      expect(init.body ?? "").toBe(v.wire.body);
      expect(new URL(url).pathname).toBe("/");
      expect(decodedQuery(url)).toEqual(decodedQuery(v.wire.url));
      const headers = init.headers as Record<string, string>;
      if (v.kind === "e2e-rpc-v1") {
        expect(new URL(url).searchParams.get("Signature")).toBe(v.signature);
      } else {
        expect(headers.authorization).toBe(v.authorization);
        for (const [name, value] of v.wire.rawHeaders as [string, string][]) {
          if (name.startsWith("x-acs-")) expect(headers[name], name).toBe(value);
        }
      }
    });
  }
});

describe("end-to-end captures of the generic callApi (GET and form bodies), through our signers", () => {
  const generic = vectors.endToEnd.filter((v: Vector) => v.id.startsWith("e2e-callapi-"));
  expect(generic.length).toBe(4);
  const sortedParams = (p: Params) => p.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));

  for (const v of generic) {
    it(v.id, () => {
      const query = flatten(v.sdkInput.query ?? {});
      const body = flatten(v.sdkInput.body ?? {});
      if (v.kind === "e2e-rpc-v1") {
        const common = decodedQuery(v.wire.url).filter(
          ([n]) => !query.some(([q]) => q === n) && n !== "Signature",
        );
        const canonical = canonicalQueryV1(sortedParams([...query, ...body, ...common]));
        expect(canonical).toBe(v.canonicalQueryString);
        const sts = stringToSignV1(v.method, canonical);
        expect(sts).toBe(v.clientStringToSign);
        expect(createV1Signer()(v.fixed.accessKeySecret, sts)).toBe(v.signature);
      } else {
        const headers = Object.fromEntries(
          (v.wire.rawHeaders as [string, string][]).map(([n, val]) => [n.toLowerCase(), val]),
        );
        expect(sha256Hex(v.wire.body)).toBe(headers["x-acs-content-sha256"]);
        const { canonicalRequest, signedHeaders } = canonicalRequestV3(
          v.method,
          "/",
          canonicalQueryV3(query),
          signedHeadersOf(headers as Record<string, string>),
          headers["x-acs-content-sha256"] as string,
        );
        expect(canonicalRequest).toBe(v.clientCanonicalRequest);
        expect(
          createV3Signer()(
            v.fixed.accessKeyId,
            v.fixed.accessKeySecret,
            canonicalRequest,
            signedHeaders,
          ),
        ).toBe(v.authorization);
      }
    });
  }
});
