// Sends a call straight to Alibaba Cloud: flattened parameters in the query of an
// empty POST (what the official SDKs send), signed V3 (default) or v1.
import type { Shape } from "../core/shape.js";
import { popTimestamp } from "../core/time.js";
import type { Credentials } from "../credentials/types.js";
import { percentEncode } from "../sign/encode.js";
import { flatten, type Params } from "../sign/flatten.js";
import { EMPTY_SHA256 } from "../sign/hash.js";
import { canonicalQueryV1, createV1Signer, stringToSignV1 } from "../sign/v1.js";
import { canonicalQueryV3, createV3Signer, rpcCanonicalRequestV3 } from "../sign/v3.js";
import type { Transport, TransportConfig } from "./types.js";

export interface SigningConfig extends TransportConfig {
  origin: URL;
  version: string;
  signatureVersion: "v3" | "v1";
  credentials: () => Promise<Credentials>;
  /** current time in ms, clock-skew correction included */
  now: () => number;
  nonce: () => string;
}

interface Prepared {
  action: string;
  params: Params;
}

export function createSigningTransport(config: SigningConfig): Transport<Prepared> {
  const { origin, version, now, nonce } = config;
  const base = `${origin.origin}/?`;
  const host = origin.host;
  const signV1 = createV1Signer();
  const signV3 = createV3Signer();
  let token: string | undefined;

  function v3Request(action: string, params: Params, creds: Credentials) {
    const query = canonicalQueryV3(params);
    const date = popTimestamp(now());
    const requestNonce = nonce();
    const provider = providerName(creds);
    const token = creds.securityToken || undefined;
    const { canonicalRequest, signedHeaders } = rpcCanonicalRequestV3(query, {
      host,
      accessKeyId: token && creds.accessKeyId,
      action,
      contentSha256: EMPTY_SHA256,
      credentialsProvider: provider,
      date,
      securityToken: token,
      nonce: requestNonce,
      version,
    });
    const headers: Record<string, string> = {
      accept: "application/json",
      "user-agent": config.userAgent,
      "x-acs-action": action,
      "x-acs-version": version,
      "x-acs-date": date,
      "x-acs-signature-nonce": requestNonce,
      "x-acs-content-sha256": EMPTY_SHA256,
      "x-acs-credentials-provider": provider,
      authorization: signV3(
        creds.accessKeyId,
        creds.accessKeySecret,
        canonicalRequest,
        signedHeaders,
      ),
    };
    if (token) {
      headers["x-acs-accesskey-id"] = creds.accessKeyId;
      headers["x-acs-security-token"] = token;
    }
    // names are signed raw (official quirk) but must be encoded on the wire
    const wireQuery = params.some(([n]) => percentEncode(n) !== n)
      ? canonicalQueryV1(params)
      : query;
    return { url: base + wireQuery, headers };
  }

  function v1Request(action: string, params: Params, creds: Credentials) {
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
    };
  }

  return {
    prepare: (action: string, input: object, shape?: Shape) => ({
      action,
      params: flatten(input, shape),
    }),
    async request({ action, params }: Prepared) {
      const creds = await config.credentials();
      token = creds.securityToken;
      const { url, headers } =
        config.signatureVersion === "v1"
          ? v1Request(action, params, creds)
          : v3Request(action, params, creds);
      return { url, init: { method: "POST", headers } };
    },
    redact(text: string) {
      if (!token) return text;
      // the token may come back raw or percent-encoded once or twice (inside a StringToSign)
      const once = percentEncode(token);
      return text
        .split(token)
        .join("***")
        .split(once)
        .join("***")
        .split(percentEncode(once))
        .join("***");
    },
  };
}

const providerName = (creds: Credentials) =>
  creds.providerName ?? (creds.securityToken ? "static_sts" : "static_ak");
