// What the real gateway checks before a call reaches a product: the AccessKey, the STS
// token, the timestamp window, the nonce and the signature (V3 ACS3-HMAC-SHA256 or v1
// HMAC-SHA1), recomputed from the request exactly as it arrived.
import type { Params } from "../sign/flatten.js";
import { sha256Hex } from "../sign/hash.js";
import { canonicalQueryV1, createV1Signer, stringToSignV1 } from "../sign/v1.js";
import { ALGORITHM, canonicalQueryV3, canonicalRequestV3 } from "../sign/v3.js";
import { createV3Signer, stringToSignV3 } from "../sign/v3-signer.js";
import { clip, FakeApiError, missingParameter } from "./errors.js";
import { hostOf, type WireRequest } from "./wire.js";

/** A key pair the fake accepts; `securityToken` makes it temporary (STS). */
export interface FakeCredentials {
  /** the AccessKey ID the fake accepts */
  readonly accessKeyId: string;
  /** its secret, which the fake checks signatures with */
  readonly accessKeySecret: string;
  /** STS token; present for temporary credentials */
  readonly securityToken?: string;
  /** when temporary credentials stop working */
  readonly expiration?: Date;
}

/** Who signed a request, once the signature checked out. */
export interface Principal {
  accessKeyId: string;
  signatureVersion: "v3" | "v1";
  sts: boolean;
}

/** The keys and STS tokens the fake accepts. */
export class KeyRing {
  private readonly secrets = new Map<string, string>();
  private readonly tokens = new Map<
    string,
    { accessKeyId: string; expires?: number; now?: () => number }
  >();
  private readonly stsKeys = new Set<string>();

  /**
   * Accepts a permanent pair, or an STS triple when it carries a token. `now` is the clock
   * its expiration is measured on (the fake's own, for keys its STS issued; else the wall).
   */
  add(credentials: FakeCredentials, now?: () => number): void {
    this.secrets.set(credentials.accessKeyId, credentials.accessKeySecret);
    if (credentials.securityToken) {
      this.stsKeys.add(credentials.accessKeyId);
      this.tokens.set(credentials.securityToken, {
        accessKeyId: credentials.accessKeyId,
        expires: credentials.expiration?.getTime(),
        ...(now ? { now } : {}),
      });
    }
  }

  /** The secret for a key id, after the STS rules: a temporary key needs its own live token. */
  secretFor(accessKeyId: string, token: string | undefined, wallNow: number): string {
    const secret = this.secrets.get(accessKeyId);
    if (secret === undefined)
      throw new FakeApiError(
        "InvalidAccessKeyId.NotFound",
        "Specified access key is not found.",
        404,
      );
    if (token === undefined || token === "") {
      if (this.stsKeys.has(accessKeyId)) {
        throw new FakeApiError(
          "MissingSecurityToken",
          "SecurityToken is mandatory for this action.",
        );
      }
      return secret;
    }
    const issued = this.tokens.get(token);
    if (!issued)
      throw new FakeApiError(
        "InvalidSecurityToken.Malformed",
        "Specified SecurityToken is malformed.",
      );
    if (issued.accessKeyId !== accessKeyId) {
      throw new FakeApiError(
        "InvalidSecurityToken.MismatchWithAccessKey",
        "Specified SecurityToken mismatch with the AccessKey.",
      );
    }
    if (issued.expires !== undefined && issued.expires <= (issued.now?.() ?? wallNow)) {
      throw new FakeApiError("InvalidSecurityToken.Expired", "Specified SecurityToken is expired.");
    }
    return secret;
  }
}

/** Remembers nonces for the length of the timestamp window, so a replay is refused. */
export class NonceStore {
  private readonly seen = new Map<string, number>();
  constructor(private readonly windowMs: number) {}

  /** Accepts a nonce once per key; a second use within the window is `SignatureNonceUsed`. */
  use(accessKeyId: string, nonce: string, wallNow: number): void {
    const key = `${accessKeyId}\n${nonce}`;
    const until = this.seen.get(key);
    if (until !== undefined && until > wallNow) {
      throw new FakeApiError("SignatureNonceUsed", "Specified signature nonce was used already.");
    }
    if (this.seen.size > 10_000) {
      for (const [k, expiry] of this.seen) if (expiry <= wallNow) this.seen.delete(k);
    }
    this.seen.set(key, wallNow + 2 * this.windowMs);
  }
}

/** What a verification needs besides the request. */
export interface VerifyContext {
  keys: KeyRing;
  nonces: NonceStore;
  /** the gateway's wall clock, ms */
  now: number;
  /** allowed distance between the client's timestamp and `now`, ms */
  windowMs: number;
}

const MISMATCH =
  "Specified signature is not matched with our calculation. server string to sign is:";
const AUTHORIZATION =
  /^(\S+)\s+Credential=([^,\s]+),\s*SignedHeaders=([^,\s]+),\s*Signature=([0-9a-fA-F]+)$/;
const TIMESTAMP = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/;

/** true when the request carries a V3 `Authorization` header. */
export const isV3 = (request: WireRequest) =>
  (request.headers.get("authorization") ?? "").startsWith("ACS3-");

/** Checks a V3 request: recomputes the canonical request over exactly the headers it lists. */
export function verifyV3(
  request: WireRequest,
  query: [string, string][],
  context: VerifyContext,
): Principal {
  const match = AUTHORIZATION.exec((request.headers.get("authorization") ?? "").trim());
  if (!match) throw incomplete();
  const [, algorithm, accessKeyId, signedList, signature] = match as unknown as string[];
  if (algorithm !== ALGORITHM) {
    throw new FakeApiError(
      "InvalidSignatureMethod",
      `Specified signature method ${algorithm} is not supported.`,
    );
  }
  const signed = (signedList as string).split(";");
  if (!signed.includes("host") || signed.some((name) => name !== name.toLowerCase()))
    throw incomplete();
  const date = request.headers.get("x-acs-date");
  checkTimestamp(date, context);
  const token = request.headers.get("x-acs-security-token");
  const secret = context.keys.secretFor(accessKeyId as string, token, context.now);

  // exactly the headers the request lists, in its order: the SDK's own builder checks them
  const headers = signed.map(
    (name) =>
      [name, name === "host" ? hostOf(request) : (request.headers.get(name) ?? "")] as const,
  );
  const sorted = sortParams(query);
  const payloadHash = sha256Hex(request.body);
  // the official signer leaves names raw; the documentation encodes them: accept both
  const candidates = [canonicalQueryV3(sorted), canonicalQueryV1(sorted)];
  const sign = createV3Signer();
  let expected = "";
  for (const query of new Set(candidates)) {
    const { canonicalRequest } = canonicalRequestV3(
      request.method,
      request.url.pathname || "/",
      query,
      headers,
      payloadHash,
    );
    const authorization = sign(
      accessKeyId as string,
      secret,
      canonicalRequest,
      signedList as string,
    );
    if (
      authorization.slice(authorization.lastIndexOf("=") + 1) ===
      (signature as string).toLowerCase()
    ) {
      useNonce(context, accessKeyId as string, request.headers.get("x-acs-signature-nonce"), false);
      return { accessKeyId: accessKeyId as string, signatureVersion: "v3", sts: Boolean(token) };
    }
    if (!expected) expected = stringToSignV3(canonicalRequest);
  }
  throw new FakeApiError("SignatureDoesNotMatch", MISMATCH + expected);
}

/**
 * An unsigned call to an action the API takes anonymously (STS AssumeRoleWithOIDC): no key,
 * no signature, no nonce; a Timestamp, when sent, must still be within the window.
 */
export function checkAnonymous(params: [string, string][], context: VerifyContext): undefined {
  const timestamp = params.find(([name]) => name === "Timestamp")?.[1];
  if (timestamp !== undefined) checkTimestamp(timestamp, context);
  return undefined;
}

/** Checks a v1 request: HMAC-SHA1 over every query and form parameter but `Signature`. */
export function verifyV1(
  request: WireRequest,
  params: [string, string][],
  context: VerifyContext,
): Principal {
  const get = (name: string) => params.find(([n]) => n === name)?.[1];
  const signature = get("Signature");
  if (signature === undefined) throw incomplete();
  const accessKeyId = get("AccessKeyId");
  if (!accessKeyId) throw missingParameter("AccessKeyId");
  const method = get("SignatureMethod");
  if (method !== "HMAC-SHA1") {
    throw new FakeApiError(
      "InvalidSignatureMethod",
      `Specified signature method ${method ?? "(none)"} is not supported.`,
    );
  }
  if (get("SignatureVersion") !== "1.0") {
    throw new FakeApiError(
      "InvalidSignatureVersion",
      "Specified signature version is not supported.",
    );
  }
  if (!get("SignatureNonce")) throw missingParameter("SignatureNonce");
  checkTimestamp(get("Timestamp"), context);
  const token = get("SecurityToken");
  const secret = context.keys.secretFor(accessKeyId, token, context.now);
  const sorted = sortParams(params.filter(([name]) => name !== "Signature"));
  const stringToSign = stringToSignV1(request.method, canonicalQueryV1(sorted));
  if (createV1Signer()(secret, stringToSign) !== signature) {
    // shown with long names and values cut: the message never repeats a whole body
    const shown = sorted.map(([name, value]): [string, string] => [clip(name), clip(value)]);
    throw new FakeApiError(
      "SignatureDoesNotMatch",
      MISMATCH + stringToSignV1(request.method, canonicalQueryV1(shown)),
    );
  }
  useNonce(context, accessKeyId, get("SignatureNonce"), true);
  return { accessKeyId, signatureVersion: "v1", sts: Boolean(token) };
}

function checkTimestamp(value: string | null | undefined, context: VerifyContext): void {
  if (!value || !TIMESTAMP.test(value)) {
    throw new FakeApiError(
      "InvalidTimeStamp.Format",
      "Specified time stamp or date value is not well formatted.",
    );
  }
  if (Math.abs(Date.parse(value) - context.now) > context.windowMs) {
    throw new FakeApiError(
      "InvalidTimeStamp.Expired",
      "Specified time stamp or date value is expired.",
    );
  }
}

function useNonce(
  context: VerifyContext,
  accessKeyId: string,
  nonce: string | null | undefined,
  required: boolean,
) {
  if (!nonce) {
    if (required) throw missingParameter("SignatureNonce");
    return;
  }
  context.nonces.use(accessKeyId, nonce, context.now);
}

const incomplete = () =>
  new FakeApiError(
    "IncompleteSignature",
    "The request signature does not conform to Aliyun standards.",
  );

/** Sorted by name (JS string order, as the signers sort), then by value. */
function sortParams(params: [string, string][]): Params {
  return [...params].sort((a, b) =>
    a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : a[1] < b[1] ? -1 : a[1] > b[1] ? 1 : 0,
  );
}
