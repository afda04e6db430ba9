// The V3 (ACS3-HMAC-SHA256) request signer: parameters in the query of an empty POST,
// the signature in the Authorization header.

import { encodeQuery, percentEncode } from "../sign/encode.js";
import { popTimestamp } from "../sign/timestamp.js";
import {
  canonicalQueryV3,
  canonicalRequestV3,
  EMPTY_SHA256,
  type V3Authorizer,
} from "../sign/v3.js";
import {
  commonHeaders,
  providerName,
  type RequestSigner,
  type RequestSignerConfig,
} from "./request-signer.js";
import type { OutgoingRequest } from "./types.js";

/** `authorize`: node:crypto or @noble/hashes (sync, v3-signer.ts), or WebCrypto (async). */
export function v3RequestSigner(
  config: RequestSignerConfig,
  authorize: V3Authorizer,
): RequestSigner {
  const { host, version, now, nonce, base } = config;
  return (action, params, creds) => {
    const query = canonicalQueryV3(params);
    const date = popTimestamp(now());
    const requestNonce = nonce();
    const provider = providerName(creds);
    const token = creds.securityToken || undefined;
    // the fixed header set of an RPC call, already in canonical (sorted) order
    const signed: [string, string][] = [["host", host]];
    if (token) signed.push(["x-acs-accesskey-id", creds.accessKeyId]);
    signed.push(
      ["x-acs-action", action],
      ["x-acs-content-sha256", EMPTY_SHA256],
      ["x-acs-credentials-provider", provider],
      ["x-acs-date", date],
    );
    if (token) signed.push(["x-acs-security-token", token]);
    signed.push(["x-acs-signature-nonce", requestNonce], ["x-acs-version", version]);
    const { canonicalRequest, signedHeaders } = canonicalRequestV3(
      "POST",
      "/",
      query,
      signed,
      EMPTY_SHA256,
    );
    const authorized = authorize(
      creds.accessKeyId,
      creds.accessKeySecret,
      canonicalRequest,
      signedHeaders,
    );
    const finish = (authorization: string): OutgoingRequest => {
      const headers = commonHeaders(config, action, provider);
      headers["x-acs-date"] = date;
      headers["x-acs-signature-nonce"] = requestNonce;
      headers["x-acs-content-sha256"] = EMPTY_SHA256;
      headers.authorization = authorization;
      if (token) {
        headers["x-acs-accesskey-id"] = creds.accessKeyId;
        headers["x-acs-security-token"] = token;
      }
      // names are signed raw (official quirk) but must be encoded on the wire
      const wireQuery = params.some(([n]) => percentEncode(n) !== n) ? encodeQuery(params) : query;
      const signature = authorization.slice(authorization.lastIndexOf("=") + 1);
      return { url: base + wireQuery, method: "POST", headers, signature };
    };
    return typeof authorized === "string" ? finish(authorized) : authorized.then(finish);
  };
}
