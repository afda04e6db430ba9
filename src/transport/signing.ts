// Sends a call straight to Alibaba Cloud: flattened parameters in the query of an empty
// POST (what the official SDKs send), signed V3 (default) or v1. The signer owns what
// signing needs across calls: the credentials, the clock (with its skew correction) and
// the secrets to mask in what comes back.
import { createRedactor } from "../base/redact.js";
import type { Credentials, CredentialsProvider } from "../credentials/types.js";
import { flatten, type Params } from "../sign/flatten.js";
import type { V3Authorizer } from "../sign/v3.js";
import type { RequestSignerConfig } from "./request-signer.js";
import { anonymousRequest } from "./signing-anonymous.js";
import { v3RequestSigner } from "./signing-v3.js";
import type { Transport, TransportConfig } from "./types.js";

export interface SigningConfig extends TransportConfig {
  origin: URL;
  version: string;
  signatureVersion: "v3" | "v1";
  credentials: CredentialsProvider;
  /** current time in ms (the client's clock) */
  now: () => number;
  nonce: () => string;
  /** true for actions the API takes unsigned (`x-pop-anonymous`): sent without credentials */
  anonymous?: (action: string) => boolean;
}

interface Prepared {
  action: string;
  params: Params;
}

export async function createSigningTransport(config: SigningConfig): Promise<Transport<Prepared>> {
  let skewMs = 0;
  const signerConfig: RequestSignerConfig = {
    base: `${config.origin.origin}/?`,
    host: config.origin.host,
    version: config.version,
    userAgent: config.userAgent,
    now: () => config.now() + skewMs,
    nonce: config.nonce,
  };
  const sign =
    config.signatureVersion === "v1"
      ? (await import("./signing-v1.js")).v1RequestSigner(signerConfig)
      : v3RequestSigner(signerConfig, await v3Authorizer());
  const secrets = createRedactor();
  let learned: Credentials | undefined;
  return {
    prepare: (action, input, shape, extra) => ({
      action,
      params: extra ? extra(flatten(input, shape)) : flatten(input, shape),
    }),
    request({ action, params }: Prepared) {
      // no credentials are asked for: the action works where none exist (a pod before RRSA)
      if (config.anonymous?.(action)) return anonymousRequest(signerConfig, action, params);
      const signWith = (creds: Credentials) => {
        if (creds !== learned) secrets.learn(creds.accessKeySecret, creds.securityToken);
        learned = creds;
        return sign(action, params, creds);
      };
      // credentials at hand (fixed keys, cached ones well before expiry): no waiting
      const held = config.credentials.peek?.();
      return held ? signWith(held) : config.credentials().then(signWith);
    },
    redact: secrets.redact,
    adjustClock(date) {
      const server = Date.parse(date ?? "");
      if (Number.isNaN(server)) return false;
      skewMs = server - config.now();
      return true;
    },
  };
}

/**
 * node:crypto in Node (fast, synchronous); WebCrypto where it exists without it (browsers,
 * Workers: no hash code to download); @noble/hashes, loaded only then, elsewhere.
 */
async function v3Authorizer(): Promise<V3Authorizer> {
  const nodeCrypto = typeof globalThis.process?.getBuiltinModule === "function";
  const subtle = globalThis.crypto?.subtle;
  if (!nodeCrypto && subtle)
    return (await import("../sign/web-crypto.js")).createWebV3Signer(subtle);
  return (await import("../sign/v3-signer.js")).createV3Signer();
}
