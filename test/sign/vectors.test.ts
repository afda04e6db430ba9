import { describe, expect, it } from "vitest";
import { flatten, type Params } from "../../src/sign/flatten.js";
import { defaultEngine, type HashEngine, sha256Hex } from "../../src/sign/hash.js";
import { canonicalQueryV1, createV1Signer, stringToSignV1 } from "../../src/sign/v1.js";
import { canonicalQueryV3, canonicalRequestV3, signedHeadersOf } from "../../src/sign/v3.js";
import { createV3Signer, stringToSignV3 } from "../../src/sign/v3-signer.js";
import { createWebV3Signer } from "../../src/sign/web-crypto.js";
import { vectors } from "../reference.js";

const sorted = (map: Record<string, string>): Params =>
  Object.entries(map).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));

// node:crypto signs in Node, @noble/hashes everywhere else: both must match every vector
const engines: HashEngine[] = ["noble", "native"];

it("signs with node:crypto in Node", () => {
  expect(defaultEngine).toBe("native");
});

describe.each(engines)("RPC v1 (HMAC-SHA1) vectors, %s hashes", (engine) => {
  for (const v of vectors.rpcV1) {
    it(v.id, () => {
      const canonical = canonicalQueryV1(sorted(v.flattenedSignedParams));
      expect(canonical).toBe(v.canonicalQueryString);
      const sts = stringToSignV1(v.method, canonical);
      expect(sts).toBe(v.stringToSign);
      expect(createV1Signer(engine)(v.accessKeySecret, sts)).toBe(v.signature);
      expect(`${v.accessKeySecret}&`).toBe(v.hmacKey);
    });
  }
});

describe("flattening against the RPC v1 vectors' inputs", () => {
  for (const v of vectors.rpcV1) {
    if (v.inputParams) {
      it(`${v.id}: flattening matches the official flattener`, () => {
        const input = { ...v.inputParams, ...v.inputFormBody };
        const common = Object.fromEntries(
          Object.entries<string>(v.flattenedSignedParams).filter(([k]) => k in v.inputCommonParams),
        );
        expect(Object.fromEntries(flatten(input))).toEqual(
          Object.fromEntries(
            Object.entries(v.flattenedSignedParams).filter(([k]) => !(k in common)),
          ),
        );
      });
    }
  }
});

describe.each(engines)("V3 (ACS3-HMAC-SHA256) vectors, %s hashes", (engine) => {
  for (const v of vectors.v3) {
    it(v.id, () => {
      const payloadHash = sha256Hex(v.body, engine);
      expect(payloadHash).toBe(v.hashedRequestPayload);
      const { canonicalRequest, signedHeaders } = canonicalRequestV3(
        v.method,
        v.pathname,
        canonicalQueryV3(sorted(v.query)),
        signedHeadersOf(v.headers),
        payloadHash,
      );
      expect(canonicalRequest).toBe(v.canonicalRequest);
      expect(stringToSignV3(canonicalRequest, engine)).toBe(v.stringToSign);
      expect(
        createV3Signer(engine)(v.accessKeyId, v.accessKeySecret, canonicalRequest, signedHeaders),
      ).toBe(v.authorization);
    });
  }
});

describe("V3 vectors signed with WebCrypto (the browser path)", () => {
  const signer = createWebV3Signer(globalThis.crypto.subtle);
  for (const v of vectors.v3) {
    it(v.id, async () => {
      const { canonicalRequest, signedHeaders } = canonicalRequestV3(
        v.method,
        v.pathname,
        canonicalQueryV3(sorted(v.query)),
        signedHeadersOf(v.headers),
        v.hashedRequestPayload,
      );
      expect(await signer(v.accessKeyId, v.accessKeySecret, canonicalRequest, signedHeaders)).toBe(
        v.authorization,
      );
    });
  }

  it("a new secret gets a new key (the imported key follows the secret)", async () => {
    const [a, b] = vectors.v3;
    if (!a || !b) throw new Error("two V3 vectors expected");
    const canonical = (v: typeof a) =>
      canonicalRequestV3(
        v.method,
        v.pathname,
        canonicalQueryV3(sorted(v.query)),
        signedHeadersOf(v.headers),
        v.hashedRequestPayload,
      );
    const other = { ...b, accessKeySecret: `${b.accessKeySecret}x` };
    const ca = canonical(a);
    expect(
      await signer(a.accessKeyId, a.accessKeySecret, ca.canonicalRequest, ca.signedHeaders),
    ).toBe(a.authorization);
    const co = canonical(other);
    expect(
      await signer(other.accessKeyId, other.accessKeySecret, co.canonicalRequest, co.signedHeaders),
    ).not.toBe(b.authorization);
  });
});

describe("flattening (official openapi-util comparison)", () => {
  it("nested objects, lists of lists, null items keep their index", () => {
    const { input, openapiUtilQuery } = vectors.flattenComparison;
    expect(Object.fromEntries(flatten(input))).toEqual(openapiUtilQuery.result);
  });

  it("sorts names in JS string order (Tag.10 before Tag.2, upper before lower case)", () => {
    const names = flatten({
      b: 1,
      B: 1,
      Tag: Array.from({ length: 11 }, (_, i) => ({ K: i })),
    }).map(([n]) => n);
    expect(names.slice(0, 4)).toEqual(["B", "Tag.1.K", "Tag.10.K", "Tag.11.K"]);
    expect(names.at(-1)).toBe("b");
  });

  it("one-string parameters: JSON text and comma lists", () => {
    const shape = {
      t: "o",
      f: { Ids: { t: "a", w: "json" }, VSwitchId: { t: "u", w: "csv" } },
    } as const;
    expect(flatten({ Ids: ["eci-1", "eci-2"], VSwitchId: ["vsw-a", "vsw-b"] }, shape)).toEqual([
      ["Ids", '["eci-1","eci-2"]'],
      ["VSwitchId", "vsw-a,vsw-b"],
    ]);
    expect(flatten({ VSwitchId: "vsw-a" }, shape)).toEqual([["VSwitchId", "vsw-a"]]);
  });
});
