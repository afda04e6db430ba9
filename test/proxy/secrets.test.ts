// Defect 1: nothing the browser gets (answer body, headers) and nothing the audit gets
// carries the server's secret, its STS token or a request's signature, in any encoding
// an upstream or an intermediary may echo them in.
import { describe, expect, it } from "vitest";
import type { AuditEvent } from "../../src/proxy.js";
import { json, popErrorBody, type Sent, STS } from "../helpers.js";
import { proxy } from "./fixture.js";

const pct = (text: string) =>
  encodeURIComponent(text).replace(
    /[!'()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );

/** Plain, percent-encoded once and twice, and base64/base64url at each alignment. */
function forms(secret: string): string[] {
  const out = [secret, pct(secret), pct(pct(secret))];
  for (let offset = 0; offset < 3; offset++) {
    const padded = btoa("x".repeat(offset) + secret);
    // the groups that encode the secret's bytes alone
    const core = padded.slice(offset ? 4 : 0, 4 * Math.floor((offset + secret.length) / 3));
    out.push(core, core.replace(/\+/g, "-").replace(/\//g, "_"));
  }
  return out;
}

/** Every form of every secret found in `text`. */
const leaks = (text: string, secrets: string[]) =>
  secrets.flatMap((secret) => forms(secret).filter((form) => text.includes(form)));

async function everything(response: Response, audit: AuditEvent[]) {
  const headers = [...response.headers].map(([name, value]) => `${name}: ${value}`).join("\n");
  return `${headers}\n${await response.text()}\n${JSON.stringify(audit)}`;
}

const v1Signature = (sent: Sent) => sent.params.Signature as string;
const v3Signature = (sent: Sent) =>
  /Signature=([0-9a-f]+)/.exec(sent.headers.authorization ?? "")?.[1] as string;

// what a v1 SignatureDoesNotMatch says, plus what a careless server might add
const echoUrl = (sent: Sent) => {
  const query = sent.url.search.slice(1);
  return json(
    popErrorBody(
      "SignatureDoesNotMatch",
      `Specified signature is not matched with our calculation. server string to sign is:POST&%2F&${pct(query)} url: ${sent.url.href} token: ${sent.params.SecurityToken} signature: ${sent.params.Signature}`,
      {
        Debug: { secret: STS.accessKeySecret, b64: btoa(`key=${STS.accessKeySecret}`) },
        AccessDeniedDetail: { EncodedDiagnosticMessage: btoa(`${STS.securityToken}`) },
      },
    ),
    400,
    { "x-echo": sent.url.href },
  );
};

const echoHtml = (sent: Sent) =>
  new Response(
    `<html><head><title>502 Bad Gateway</title></head><body><h1>Bad Gateway</h1>
     <p>upstream failed for <a href="${sent.url.href.replace(/&/g, "&amp;")}">${sent.url.href}</a></p>
     <p>token ${sent.params.SecurityToken?.replace(/&/g, "&amp;")}; signature ${sent.params.Signature}</p>
     <pre>${decodeURIComponent(sent.url.href).slice(0, 250)}</pre></body></html>`,
    { status: 502, headers: { "content-type": "text/html" } },
  );

describe("the proxy never hands the server's credentials to the browser", () => {
  it("v1 + STS: an error that echoes the signed URL and the string to sign is masked", async () => {
    const { call, upstream, audit } = proxy({ credentials: STS, signatureVersion: "v1" }, echoUrl);
    const response = await call("eci/DescribeContainerGroups", { RegionId: "cn-hangzhou" });
    const sent = upstream.sent[0] as Sent;
    expect(sent.params.SecurityToken).toBe(STS.securityToken); // it did go upstream
    const secrets = [STS.accessKeySecret, STS.securityToken, v1Signature(sent)];
    // the scan finds what the upstream said, every secret in several forms
    const raw = await echoUrl(sent).text();
    expect(new Set(leaks(raw, secrets)).size).toBeGreaterThanOrEqual(6);
    const text = await everything(response.clone(), audit);
    expect(leaks(text, secrets)).toEqual([]);
    expect(response.status).toBe(400);
    const body = await response.json();
    // rebuilt from the known fields: Debug stays on the server
    expect(Object.keys(body).sort()).toEqual(
      ["AccessDeniedDetail", "Code", "HostId", "Message", "Recommend", "RequestId"].sort(),
    );
    expect(body).toMatchObject({
      Code: "SignatureDoesNotMatch",
      RequestId: "7A4A78A8-FEA6-57F0-9ABC-F34866CA740C",
      Message: expect.stringContaining("SecurityToken%3D***"),
    });
    expect(audit).toHaveLength(1);
  });

  it("v1 + STS: an intermediary's HTML page echoing the URL becomes a short JSON error", async () => {
    const { call, upstream, audit } = proxy({ credentials: STS, signatureVersion: "v1" }, echoHtml);
    const response = await call("eci/DescribeContainerGroups", { RegionId: "cn-hangzhou" });
    const secrets = [STS.accessKeySecret, STS.securityToken, v1Signature(upstream.sent[0] as Sent)];
    expect(leaks(await everything(response.clone(), audit), secrets)).toEqual([]);
    expect(response.status).toBe(502);
    expect(response.headers.get("content-type")).toBe("application/json");
    const body = await response.json();
    expect(body.Code).toBe("NonJsonResponse");
    expect(body.Message).toContain("Bad Gateway");
    expect(body.Message.length).toBeLessThan(300);
    expect(audit).toEqual([expect.objectContaining({ status: 502, code: "NonJsonResponse" })]);
  });

  it("a 2xx that is not JSON is an error for the page, not a success", async () => {
    const { call } = proxy(
      { credentials: STS, signatureVersion: "v1" },
      (sent) => new Response(`<p>${sent.url.href}</p>`, { status: 200 }),
    );
    const response = await call("eci/DescribeContainerGroups", { RegionId: "cn-hangzhou" });
    expect(response.status).toBe(502);
    expect((await response.json()).Code).toBe("NonJsonResponse");
  });

  it("V3 + STS: an error echoing the authorization and token headers is masked", async () => {
    const { call, upstream, audit } = proxy({ credentials: STS }, (sent) =>
      json(
        popErrorBody(
          "IncompleteSignature",
          `got ${sent.headers.authorization} with ${sent.headers["x-acs-security-token"]} / ${pct(sent.headers["x-acs-security-token"] ?? "")}`,
        ),
        400,
      ),
    );
    const response = await call("eci/DescribeContainerGroups", { RegionId: "cn-hangzhou" });
    const sent = upstream.sent[0] as Sent;
    const secrets = [STS.accessKeySecret, STS.securityToken, v3Signature(sent)];
    expect(v3Signature(sent)).toMatch(/^[0-9a-f]{64}$/);
    expect(leaks(await everything(response, audit), secrets)).toEqual([]);
  });

  it("still masks the secret after many calls (signatures do not push it out)", async () => {
    const { call, upstream, audit } = proxy({ credentials: STS, signatureVersion: "v1" }, echoUrl);
    let last: Response | undefined;
    for (let i = 0; i < 40; i++) {
      last = await call("eci/DescribeContainerGroups", { RegionId: "cn-hangzhou" });
    }
    const sent = upstream.sent.at(-1) as Sent;
    const secrets = [STS.accessKeySecret, STS.securityToken, v1Signature(sent)];
    expect(leaks(await everything(last as Response, audit.slice(-1)), secrets)).toEqual([]);
  });

  it("masks success answers too, and the audit event's strings", async () => {
    const { call, upstream, audit } = proxy({ credentials: STS }, (sent) =>
      json({
        RequestId: `req-${sent.headers["x-acs-security-token"]}`,
        ContainerGroups: [{ ContainerGroupName: sent.headers.authorization }],
      }),
    );
    const response = await call("eci/DescribeContainerGroups", { RegionId: "cn-hangzhou" });
    expect(response.status).toBe(200);
    const secrets = [STS.securityToken, v3Signature(upstream.sent[0] as Sent)];
    expect(leaks(await everything(response, audit), secrets)).toEqual([]);
    expect(audit[0]?.requestId).toBe("req-***");
  });
});
