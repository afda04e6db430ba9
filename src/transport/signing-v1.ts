// The v1 (HMAC-SHA1) request signer: common parameters and the signature in the query.
// Loaded only by clients that ask for it, so V3 bundles carry no SHA-1.

import { percentEncode } from "../sign/encode.js";
import type { Params } from "../sign/flatten.js";
import { popTimestamp } from "../sign/timestamp.js";
import { canonicalQueryV1, createV1Signer, stringToSignV1 } from "../sign/v1.js";
import {
  commonHeaders,
  providerName,
  type RequestSigner,
  type RequestSignerConfig,
} from "./request-signer.js";

export function v1RequestSigner(config: RequestSignerConfig): RequestSigner {
  const { version, now, nonce, base } = config;
  const signV1 = createV1Signer();
  return (action, params, creds) => {
    const all: Params = [
      ...params,
      ["AccessKeyId", creds.accessKeyId],
      ["Action", action],
      ["Format", "json"],
      ["SignatureMethod", "HMAC-SHA1"],
      ["SignatureNonce", nonce()],
      ["SignatureVersion", "1.0"],
      ["Timestamp", popTimestamp(now())],
      ["Version", version],
    ];
    if (creds.securityToken) all.push(["SecurityToken", creds.securityToken]);
    all.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
    const query = canonicalQueryV1(all);
    const signature = signV1(creds.accessKeySecret, stringToSignV1("POST", query));
    return {
      url: `${base}${query}&Signature=${percentEncode(signature)}`,
      method: "POST",
      headers: commonHeaders(config, action, providerName(creds)),
      signature,
    };
  };
}
