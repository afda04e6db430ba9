// OIDC tokens for the fake's STS, shaped like the service account tokens ACK projects into
// pods for RRSA (iss, sub, aud, iat, exp). They are signed HS256 with a key only the fake
// knows of, so the fake can tell a token it issued from one a test edited by hand.
import { sha256 } from "@noble/hashes/sha2.js";
import { keyedHmac, toBase64 } from "../sign/hash.js";

/** What `fakeOidcToken` puts in the token. */
export interface FakeOidcTokenOptions {
  /** `iss`: the issuer URL the OIDC provider was registered with */
  issuer: string;
  /** `sub`, e.g. `system:serviceaccount:<namespace>:<service account>` */
  subject: string;
  /** `aud` (default `sts.aliyuncs.com`, what ACK's RRSA tokens carry) */
  audience?: string | readonly string[];
  /** `iat`, ms since the epoch (default: now); pass `fake.now()` to follow the fake's clock */
  issuedAt?: number;
  /** lifetime from `issuedAt` (default 1 hour, as ACK's projected tokens) */
  expiresInMs?: number;
}

/** The claims of a token, as the fake's STS reads them. */
export interface OidcClaims {
  iss: string;
  sub: string;
  aud: string | string[];
  /** seconds since the epoch */
  iat: number;
  /** seconds since the epoch */
  exp: number;
}

const SIGNING_KEY = "alicloud-eci fake OIDC issuer (test key, not a secret)";
const hmac = keyedHmac("sha256", sha256);

const base64url = (text: string) =>
  toBase64(new TextEncoder().encode(text))
    .replace(/\+/g, "-")
    .replace(/\//g, "_")
    .replace(/=+$/, "");
const signature = (signed: string) =>
  toBase64(hmac(SIGNING_KEY, signed)).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");

/**
 * An OIDC token the fake's AssumeRoleWithOIDC accepts, once an OIDC provider for `issuer`
 * (`fake.sts.addOidcProvider`) and a role trusting it exist. Write it to the file that
 * `ALIBABA_CLOUD_OIDC_TOKEN_FILE` names, as ACK does for a pod.
 *
 * @example
 * ```ts
 * const token = fakeOidcToken({ issuer, subject: "system:serviceaccount:default:worker", issuedAt: fake.now() });
 * ```
 */
export function fakeOidcToken(options: FakeOidcTokenOptions): string {
  const iat = Math.floor((options.issuedAt ?? Date.now()) / 1000);
  const audience = options.audience ?? "sts.aliyuncs.com";
  const claims: OidcClaims = {
    iss: options.issuer,
    sub: options.subject,
    aud: typeof audience === "string" ? audience : [...audience],
    iat,
    exp: iat + Math.floor((options.expiresInMs ?? 3_600_000) / 1000),
  };
  const signed = `${base64url(JSON.stringify({ alg: "HS256", typ: "JWT" }))}.${base64url(JSON.stringify(claims))}`;
  return `${signed}.${signature(signed)}`;
}

/** The claims of a token made by `fakeOidcToken`; why not, when it is not one. */
export function readOidcToken(token: string): OidcClaims | "malformed" | "signature" {
  const parts = token.trim().split(".");
  if (parts.length !== 3) return "malformed";
  const [header, payload, sent] = parts as [string, string, string];
  let claims: Partial<OidcClaims>;
  try {
    claims = JSON.parse(atob(payload.replace(/-/g, "+").replace(/_/g, "/")));
  } catch {
    return "malformed";
  }
  if (!claims || typeof claims.iss !== "string" || typeof claims.exp !== "number")
    return "malformed";
  return signature(`${header}.${payload}`) === sent ? (claims as OidcClaims) : "signature";
}
