// What signing one request costs, V3 and v1, with the SDK's signers (src/sign) on each
// hash engine: node:crypto (what Node uses) and @noble/hashes (browsers, Workers): canonicalise
// a realistic DescribeContainerGroups parameter set, hash, HMAC, build the Authorization value.
import { percentEncode } from "../../src/sign/encode.js";
import { flatten, type Params } from "../../src/sign/flatten.js";
import { EMPTY_SHA256 } from "../../src/sign/hash.js";
import { canonicalQueryV1, createV1Signer, stringToSignV1 } from "../../src/sign/v1.js";
import { canonicalQueryV3, canonicalRequestV3, signedHeadersOf } from "../../src/sign/v3.js";
import { createV3Signer } from "../../src/sign/v3-signer.js";
import { median } from "../lib/stats.js";

export interface SigningResult {
  /** µs per signed request, median of the rounds */
  us: Record<SignerId, number>;
  /** µs to flatten the nested input into wire parameters (paid once per call, not per attempt) */
  flattenUs: number;
  rounds: number;
  iterations: number;
}

export type SignerId = "v3-noble" | "v3-node" | "v1-noble" | "v1-node";

const KEY = { id: "LTAI5tBenchAccessKey", secret: "bench-secret-0123456789" };

/** A DescribeContainerGroups call a console would make: filters, tags, a page token. */
const INPUT = {
  RegionId: "cn-hangzhou",
  ZoneId: "cn-hangzhou-h",
  VSwitchId: "vsw-bp1vzjkp2q1xgnind3rkf",
  SecurityGroupId: "sg-bp12ujq5zpxuyjys3l8f",
  Status: "Running",
  Limit: 20,
  NextToken: "d78f2dd8-5979-42fe-aaee-b2b2b2b2b2b2",
  ResourceGroupId: "rg-acfmzw2jz2z2z2z",
  Tag: [
    { Key: "app", Value: "web" },
    { Key: "env", Value: "prod" },
  ],
};

const TIMESTAMP = "2024-05-01T08:00:00Z";
const NONCE = "3f9c1e7a-0b4d-4c55-9a57-6a3d2f1b8e90";
const HOST = "eci.cn-hangzhou.aliyuncs.com";

function headersV3(): Record<string, string> {
  return {
    accept: "application/json",
    "user-agent": "alicloud-eci/0.1.0",
    "x-acs-version": "2018-08-08",
    "x-acs-action": "DescribeContainerGroups",
    "x-acs-date": TIMESTAMP,
    "x-acs-signature-nonce": NONCE,
    "x-acs-content-sha256": EMPTY_SHA256,
    "x-acs-credentials-provider": "static_ak",
  };
}

function v3(
  params: Params,
  sign: (canonicalRequest: string, signedHeaders: string) => string,
): string {
  const headers = headersV3();
  const { canonicalRequest, signedHeaders } = canonicalRequestV3(
    "POST",
    "/",
    canonicalQueryV3(params),
    signedHeadersOf({ ...headers, host: HOST }),
    EMPTY_SHA256,
  );
  return sign(canonicalRequest, signedHeaders);
}

function v1(params: Params, sign: (stringToSign: string) => string): string {
  const all: Params = [
    ...params,
    ["AccessKeyId", KEY.id],
    ["Action", "DescribeContainerGroups"],
    ["Format", "json"],
    ["SignatureMethod", "HMAC-SHA1"],
    ["SignatureNonce", NONCE],
    ["SignatureVersion", "1.0"],
    ["Timestamp", TIMESTAMP],
    ["Version", "2018-08-08"],
  ];
  all.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
  const query = canonicalQueryV1(all);
  return `${query}&Signature=${percentEncode(sign(stringToSignV1("POST", query)))}`;
}

/** The four signers (the SDK's own, on each hash engine), turning parameters into what goes on the wire. */
function signers(): Record<SignerId, (params: Params) => string> {
  const nobleV3 = createV3Signer("noble");
  const nobleV1 = createV1Signer("noble");
  const nodeV3 = createV3Signer("native");
  const nodeV1 = createV1Signer("native");
  return {
    "v3-noble": (p) => v3(p, (cr, sh) => nobleV3(KEY.id, KEY.secret, cr, sh)),
    "v3-node": (p) => v3(p, (cr, sh) => nodeV3(KEY.id, KEY.secret, cr, sh)),
    "v1-noble": (p) => v1(p, (sts) => nobleV1(KEY.secret, sts)),
    "v1-node": (p) => v1(p, (sts) => nodeV1(KEY.secret, sts)),
  };
}

const ROUNDS = 7;
const ITERATIONS = 5_000;

function perCall(fn: () => unknown, iterations: number): number {
  const started = performance.now();
  for (let i = 0; i < iterations; i++) fn();
  return ((performance.now() - started) * 1000) / iterations;
}

export function signing(): SigningResult {
  const params = flatten(INPUT);
  const list = Object.entries(signers()) as [SignerId, (p: Params) => string][];
  // both implementations must produce the same wire form, or the comparison means nothing
  if (
    list[0]?.[1](params) !== list[1]?.[1](params) ||
    list[2]?.[1](params) !== list[3]?.[1](params)
  ) {
    throw new Error("noble and node:crypto signatures differ");
  }
  for (const [, fn] of list) perCall(() => fn(params), ITERATIONS); // warm-up
  const runs = Object.fromEntries(list.map(([id]) => [id, [] as number[]])) as Record<
    SignerId,
    number[]
  >;
  const flattenRuns: number[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    for (const [id, fn] of list) runs[id].push(perCall(() => fn(params), ITERATIONS));
    flattenRuns.push(perCall(() => flatten(INPUT), ITERATIONS));
  }
  return {
    us: Object.fromEntries(list.map(([id]) => [id, median(runs[id])])) as Record<SignerId, number>,
    flattenUs: median(flattenRuns),
    rounds: ROUNDS,
    iterations: ITERATIONS,
  };
}
