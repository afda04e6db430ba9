// The providers that fetch credentials (AssumeRole, AssumeRoleWithOIDC, a credentials URI)
// against answers that echo the request back: no error surface may show the source secret,
// its token, the OIDC token or a secret in the URI.
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { oidcRoleCredentials } from "../../src/credentials/oidc-role.js";
import { ramRoleArnCredentials } from "../../src/credentials/ram-role-arn.js";
import { uriCredentials } from "../../src/credentials/uri.js";
import { json, type Sent, STS, scriptedFetch } from "../helpers.js";
import { leaks, surfaces } from "./scan.js";

const OIDC_TOKEN = "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJwb2QifQ.oidc-token-never-shown";
const URI_SECRET = "uri-query-secret-never-shown";

const everything = (sent: Sent) => `${sent.url.href} ${JSON.stringify(sent.headers)} ${sent.body}`;
const ECHOES: Record<string, (sent: Sent) => Response | Error> = {
  "JSON error echoing the body": (sent) =>
    json({ Code: "InvalidParameter", Message: sent.body }, 400),
  "JSON error echoing the token header": (sent) =>
    json(
      { Code: "InvalidSecurityToken", Message: String(sent.headers["x-acs-security-token"]) },
      400,
    ),
  "JSON error echoing the URL": (sent) =>
    json({ Code: "SignatureDoesNotMatch", Message: sent.url.href }, 400),
  "JSON error echoing URL, headers and body": (sent) =>
    json({ Code: "InvalidParameter", Message: everything(sent) }, 400),
  "JSON error echoing them URL-encoded": (sent) =>
    json({ Code: "InvalidParameter", Message: encodeURIComponent(everything(sent)) }, 400),
  "HTML page echoing them in base64": (sent) =>
    new Response(`<p>${btoa(everything(sent))}</p>`, { status: 502 }),
  "200 without credentials, echoing them": (sent) => json({ RequestId: everything(sent) }),
  "fetch error quoting them": (sent) => new TypeError(`request failed: ${everything(sent)}`),
  "fetch error whose cause quotes them": (sent) =>
    Object.assign(new TypeError("fetch failed"), { cause: new Error(everything(sent)) }),
};

let dir: string;
let tokenFile: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "alicloud-eci-sweep-"));
  tokenFile = join(dir, "token");
  await writeFile(tokenFile, OIDC_TOKEN);
});
afterAll(() => rm(dir, { recursive: true, force: true }));

describe.each(Object.keys(ECHOES))("%s", (name) => {
  const reply = ECHOES[name] as (sent: Sent) => Response | Error;
  const failOf = (provider: () => Promise<unknown>) =>
    provider().then(
      () => expect.unreachable(),
      (e: unknown) => e,
    );

  it("ramRoleArnCredentials shows neither the source secret nor its token", async () => {
    const { fetch } = scriptedFetch(reply);
    const error = await failOf(
      ramRoleArnCredentials({ source: STS, roleArn: "acs:ram::1:role/r", fetch }),
    );
    expect(leaks(surfaces(error), STS.accessKeySecret, STS.securityToken)).toEqual([]);
  });

  it("oidcRoleCredentials never shows the OIDC token", async () => {
    const { fetch } = scriptedFetch(reply);
    const error = await failOf(
      oidcRoleCredentials({
        roleArn: "acs:ram::1:role/r",
        oidcProviderArn: "acs:ram::1:oidc-provider/p",
        oidcTokenFile: tokenFile,
        fetch,
      }),
    );
    expect(leaks(surfaces(error), OIDC_TOKEN)).toEqual([]);
  });

  it("uriCredentials never shows the URI's path and query", async () => {
    const { fetch } = scriptedFetch(reply);
    const error = await failOf(
      uriCredentials({ uri: `http://127.0.0.1:9/creds?token=${URI_SECRET}`, fetch }),
    );
    expect(leaks(surfaces(error), URI_SECRET)).toEqual([]);
  });
});
