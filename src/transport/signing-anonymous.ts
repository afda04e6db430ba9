// A call to an action the API takes unsigned (`x-pop-anonymous`: STS AssumeRoleWithOIDC,
// whose OIDC token is the proof). As the official client sends authType "Anonymous": the RPC
// common parameters in the query, no AccessKeyId, no signature, no credentials at all. The
// action's parameters go in a form body, so that a token stays out of URLs and access logs.
import { encodeQuery } from "../sign/encode.js";
import type { Params } from "../sign/flatten.js";
import { popTimestamp } from "../sign/timestamp.js";
import type { RequestSignerConfig } from "./request-signer.js";
import type { OutgoingRequest } from "./types.js";

export function anonymousRequest(
  config: RequestSignerConfig,
  action: string,
  params: Params,
): OutgoingRequest {
  const common: Params = [
    ["Action", action],
    ["Format", "json"],
    ["SignatureNonce", config.nonce()],
    ["Timestamp", popTimestamp(config.now())],
    ["Version", config.version],
  ];
  return {
    url: config.base + encodeQuery(common),
    method: "POST",
    headers: {
      accept: "application/json",
      "content-type": "application/x-www-form-urlencoded",
      "user-agent": config.userAgent,
      "x-acs-action": action,
      "x-acs-version": config.version,
    },
    body: encodeQuery(params),
  };
}
