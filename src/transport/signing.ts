// Sends a call straight to Alibaba Cloud: flattened parameters in the query of an
// empty POST (what the official SDKs send), signed V3 (default) or v1.
import { createRedactor } from "../core/redact.js";
import type { Shape } from "../core/shape.js";
import { popTimestamp } from "../core/time.js";
import type { Credentials } from "../credentials/types.js";
import { encodeQuery, percentEncode } from "../sign/encode.js";
import { flatten, type Params } from "../sign/flatten.js";
import { EMPTY_SHA256 } from "../sign/hash.js";
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

/** Builds the URL and headers of one signed attempt. */
export type RequestSigner = (
  action: string,
  params: Params,
  creds: Credentials,
) => { url: string; headers: Record<string, string>; signature: string };

interface Prepared {
  action: string;
  params: Params;
}

export async function createSigningTransport(config: SigningConfig): Promise<Transport<Prepared>> {
  // v1 (HMAC-SHA1) loads only for clients that ask for it
  const sign =
    config.signatureVersion === "v1"
      ? (await import("./signing-v1.js")).createV1RequestSigner(config)
      : createV3RequestSigner(config);
  const secrets = createRedactor();
  return {
    prepare: (action: string, input: object, shape?: Shape) => ({
      action,
      params: flatten(input, shape),
    }),
    async request({ action, params }: Prepared) {
      const creds = await config.credentials();
      secrets.learn(creds.accessKeySecret, creds.securityToken);
      const { url, headers, signature } = sign(action, params, creds);
      return { url, init: { method: "POST", headers }, signature };
    },
    redact: secrets.redact,
  };
}

function createV3RequestSigner(config: SigningConfig): RequestSigner {
  const { version, now, nonce } = config;
  const base = `${config.origin.origin}/?`;
  const host = config.origin.host;
  const signV3 = createV3Signer();
  return (action, params, creds) => {
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
    const authorization = signV3(
      creds.accessKeyId,
      creds.accessKeySecret,
      canonicalRequest,
      signedHeaders,
    );
    const headers: Record<string, string> = {
      accept: "application/json",
      "user-agent": config.userAgent,
      "x-acs-action": action,
      "x-acs-version": version,
      "x-acs-date": date,
      "x-acs-signature-nonce": requestNonce,
      "x-acs-content-sha256": EMPTY_SHA256,
      "x-acs-credentials-provider": provider,
      authorization,
    };
    if (token) {
      headers["x-acs-accesskey-id"] = creds.accessKeyId;
      headers["x-acs-security-token"] = token;
    }
    // names are signed raw (official quirk) but must be encoded on the wire
    const wireQuery = params.some(([n]) => percentEncode(n) !== n) ? encodeQuery(params) : query;
    const signature = authorization.slice(authorization.lastIndexOf("=") + 1);
    return { url: base + wireQuery, headers, signature };
  };
}

export const providerName = (creds: Credentials) =>
  creds.providerName ?? (creds.securityToken ? "static_sts" : "static_ak");
