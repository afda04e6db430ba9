// Hand-signed requests to the fake, below the SDK: for checks the SDK would stop before
// sending (bad input), for tampering, and for request styles other clients use.

import { PRODUCTS, type ProductKey } from "../../generated/products.js";
import { percentEncode } from "../../src/sign/encode.js";
import type { Params } from "../../src/sign/flatten.js";
import { sha256Hex } from "../../src/sign/hash.js";
import { popTimestamp } from "../../src/sign/timestamp.js";
import { canonicalQueryV1, createV1Signer, stringToSignV1 } from "../../src/sign/v1.js";
import { canonicalQueryV3, canonicalRequestV3, signedHeadersOf } from "../../src/sign/v3.js";
import { createV3Signer } from "../../src/sign/v3-signer.js";
import type { FakeCloud } from "../../src/testing/index.js";

/** How to build the request. */
export interface RawOptions {
  product?: ProductKey;
  signature?: "v3" | "v1";
  credentials?: { accessKeyId: string; accessKeySecret: string; securityToken?: string };
  /** client clock, ms */
  now?: number;
  nonce?: string;
  version?: string;
  method?: "POST" | "GET";
  /** API parameters in an application/x-www-form-urlencoded body instead of the query */
  form?: boolean;
  /** changes the request after signing */
  tamper?: (url: URL, headers: Record<string, string>) => void;
}

const sort = (params: Params) => params.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
let counter = 0;

/** Builds the signed request (URL, method, headers, body) without sending it. */
export function signedRequest(
  fake: FakeCloud,
  action: string,
  params: Record<string, string>,
  options: RawOptions = {},
) {
  const product = options.product ?? "eci";
  const creds = options.credentials ?? fake.credentials;
  const version = options.version ?? PRODUCTS[product].service.version;
  const method = options.method ?? "POST";
  const now = options.now ?? Date.now();
  const nonce = options.nonce ?? `nonce-${Date.now()}-${counter++}`;
  const host = `${product}.cn-hangzhou.aliyuncs.com`;
  const api: Params = sort(Object.entries(params));
  const headers: Record<string, string> = { accept: "application/json" };
  let query: Params = [];
  let body = "";
  if ((options.signature ?? "v3") === "v3") {
    if (options.form) {
      body = canonicalQueryV1(api);
      headers["content-type"] = "application/x-www-form-urlencoded";
    } else query = api;
    Object.assign(headers, {
      "x-acs-action": action,
      "x-acs-version": version,
      "x-acs-date": popTimestamp(now),
      "x-acs-signature-nonce": nonce,
      "x-acs-content-sha256": sha256Hex(body),
    });
    if (creds.securityToken) headers["x-acs-security-token"] = creds.securityToken;
    const { canonicalRequest, signedHeaders } = canonicalRequestV3(
      method,
      "/",
      canonicalQueryV3(query),
      signedHeadersOf({ ...headers, host }),
      sha256Hex(body),
    );
    headers.authorization = createV3Signer()(
      creds.accessKeyId,
      creds.accessKeySecret,
      canonicalRequest,
      signedHeaders,
    );
  } else {
    const all: Params = sort([
      ...api,
      ["AccessKeyId", creds.accessKeyId],
      ["Action", action],
      ["Format", "JSON"],
      ["SignatureMethod", "HMAC-SHA1"],
      ["SignatureNonce", nonce],
      ["SignatureVersion", "1.0"],
      ["Timestamp", popTimestamp(now)],
      ["Version", version],
      ...(creds.securityToken ? ([["SecurityToken", creds.securityToken]] as Params) : []),
    ]);
    const signature = createV1Signer()(
      creds.accessKeySecret,
      stringToSignV1(method, canonicalQueryV1(sort(all))),
    );
    const signed = `${canonicalQueryV1(all)}&Signature=${percentEncode(signature)}`;
    if (options.form) {
      body = signed;
      headers["content-type"] = "application/x-www-form-urlencoded";
    } else query = new URLSearchParams(signed) as unknown as Params;
  }
  const url = new URL(`https://${host}/`);
  for (const [name, value] of query) url.searchParams.append(name, value);
  options.tamper?.(url, headers);
  return { url, method, headers, body };
}

/** Sends a hand-signed call through `fake.fetch`; returns the status, headers and parsed body. */
export async function signedCall(
  fake: FakeCloud,
  action: string,
  params: Record<string, string>,
  options: RawOptions = {},
) {
  const { url, method, headers, body } = signedRequest(fake, action, params, options);
  const response = await fake.fetch(url, { method, headers, ...(body ? { body } : {}) });
  return {
    status: response.status,
    headers: response.headers,
    // biome-ignore lint/suspicious/noExplicitAny: answers are checked field by field
    body: (await response.json()) as Record<string, any>,
  };
}
