// The v1 (HMAC-SHA1) request signer: common parameters and the signature in the query.
import { popTimestamp } from "../core/time.js";
import { percentEncode } from "../sign/encode.js";
import type { Params } from "../sign/flatten.js";
import { canonicalQueryV1, createV1Signer, stringToSignV1 } from "../sign/v1.js";
import { providerName, type RequestSigner, type SigningConfig } from "./signing.js";

export function createV1RequestSigner(config: SigningConfig): RequestSigner {
  const { version, now, nonce } = config;
  const base = `${config.origin.origin}/?`;
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
      headers: {
        accept: "application/json",
        "user-agent": config.userAgent,
        "x-acs-action": action,
        "x-acs-version": version,
        "x-acs-credentials-provider": providerName(creds),
      },
      signature,
    };
  };
}
