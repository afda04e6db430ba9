// One STS call of a credential provider, made without the client runtime (a floor above):
// AssumeRole signed V3 with the source keys, AssumeRoleWithOIDC unsigned as the API takes
// it, the answer's Credentials checked. The request's timestamp is the wall clock's (a
// cache's clock may be a test's). Errors say what STS answered, with every secret of
// the call (source secret and token, OIDC token) masked.
import type { FetchLike } from "../base/fetch.js";
import { createRedactor } from "../base/redact.js";
import { randomNonce } from "../base/time.js";
import { encodeQuery } from "../sign/encode.js";
import type { Params } from "../sign/flatten.js";
import { EMPTY_SHA256 } from "../sign/hash.js";
import { popTimestamp } from "../sign/timestamp.js";
import { canonicalQueryV3, canonicalRequestV3 } from "../sign/v3.js";
import { createV3Signer } from "../sign/v3-signer.js";
import { CredentialsError } from "./errors.js";
import { fetchText } from "./http.js";
import { sealCredentials } from "./seal.js";
import type { Credentials } from "./types.js";

const VERSION = "2015-04-01";

/** One call: where, which action, its parameters, and the keys to sign with (none: anonymous). */
export interface StsCall {
  provider: string;
  origin: string;
  action: "AssumeRole" | "AssumeRoleWithOIDC";
  params: Record<string, string | number | undefined>;
  /** absent for AssumeRoleWithOIDC, which is sent unsigned */
  signWith?: Credentials;
  fetch: FetchLike;
  timeoutMs: number;
  /** values to mask in any message (they are never quoted) */
  secrets: readonly (string | undefined)[];
}

const sorted = (params: StsCall["params"]): Params =>
  Object.entries(params)
    .filter((entry): entry is [string, string | number] => entry[1] !== undefined)
    .map(([name, value]): [string, string] => [name, String(value)])
    .sort((a, b) => (a[0] < b[0] ? -1 : 1));

function signedRequest(call: StsCall, creds: Credentials): { url: string; init: RequestInit } {
  const query = canonicalQueryV3(sorted(call.params));
  const date = popTimestamp(Date.now());
  const nonce = randomNonce();
  const token = creds.securityToken || undefined;
  const headers: [string, string][] = [["host", new URL(call.origin).host]];
  if (token) headers.push(["x-acs-accesskey-id", creds.accessKeyId]);
  headers.push(
    ["x-acs-action", call.action],
    ["x-acs-content-sha256", EMPTY_SHA256],
    ["x-acs-credentials-provider", creds.providerName ?? "custom"],
    ["x-acs-date", date],
  );
  if (token) headers.push(["x-acs-security-token", token]);
  headers.push(["x-acs-signature-nonce", nonce], ["x-acs-version", VERSION]);
  const { canonicalRequest, signedHeaders } = canonicalRequestV3(
    "POST",
    "/",
    query,
    headers,
    EMPTY_SHA256,
  );
  const authorization = createV3Signer()(
    creds.accessKeyId,
    creds.accessKeySecret,
    canonicalRequest,
    signedHeaders,
  );
  const sent = Object.fromEntries(headers.filter(([name]) => name !== "host"));
  return {
    url: `${call.origin}/?${query}`,
    init: { method: "POST", headers: { ...sent, accept: "application/json", authorization } },
  };
}

function anonymousRequest(call: StsCall): { url: string; init: RequestInit } {
  const common = encodeQuery([
    ["Action", call.action],
    ["Format", "JSON"],
    ["SignatureNonce", randomNonce()],
    ["Timestamp", popTimestamp(Date.now())],
    ["Version", VERSION],
  ]);
  return {
    url: `${call.origin}/?${common}`,
    init: {
      method: "POST",
      headers: {
        accept: "application/json",
        "content-type": "application/x-www-form-urlencoded",
        "x-acs-action": call.action,
        "x-acs-version": VERSION,
      },
      // in the body: an OIDC token has no place in a URL
      body: encodeQuery(sorted(call.params)),
    },
  };
}

/** Calls STS and returns the temporary credentials of the answer. */
export async function callSts(call: StsCall, providerName: string): Promise<Credentials> {
  const redactor = createRedactor();
  redactor.learn(...call.secrets);
  const fail = (why: string) =>
    new CredentialsError(call.provider, redactor.redact(`${call.action} at ${call.origin} ${why}`));
  const { url, init } = call.signWith ? signedRequest(call, call.signWith) : anonymousRequest(call);
  const answer = await fetchText(call.fetch, url, init, call.timeoutMs, call.provider, {
    what: `STS at ${call.origin}`,
    redact: redactor.redact,
  });
  let body: { Code?: unknown; Message?: unknown; Credentials?: Record<string, unknown> };
  try {
    body = JSON.parse(answer.text) ?? {};
  } catch {
    throw fail(`answered HTTP ${answer.status} with a body that is not JSON`);
  }
  if (answer.status !== 200) {
    const code = typeof body.Code === "string" ? body.Code : "no error code";
    // masked before it is cut: a cut could leave part of a secret unrecognised
    const message =
      typeof body.Message === "string" ? `: ${redactor.redact(body.Message).slice(0, 300)}` : "";
    throw fail(`failed with HTTP ${answer.status} ${code}${message}`);
  }
  const given = body.Credentials ?? {};
  const field = (name: string) => (typeof given[name] === "string" ? (given[name] as string) : "");
  const missing = ["AccessKeyId", "AccessKeySecret", "SecurityToken", "Expiration"].filter(
    (name) => !field(name),
  );
  if (missing.length) throw fail(`answered without Credentials.${missing.join(", Credentials.")}`);
  const expiration = new Date(field("Expiration"));
  if (Number.isNaN(expiration.getTime())) throw fail("answered an Expiration that is not a date");
  return sealCredentials({
    accessKeyId: field("AccessKeyId"),
    accessKeySecret: field("AccessKeySecret"),
    securityToken: field("SecurityToken"),
    expiration,
    providerName,
  });
}
