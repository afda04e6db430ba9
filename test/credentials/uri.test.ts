// uriCredentials: GET the credentials URI, check the answer, cache until shortly before
// Expiration; errors name the endpoint's origin only and never quote the body.
import { describe, expect, it } from "vitest";
import { CredentialsError } from "../../src/credentials/errors.js";
import { uriCredentials } from "../../src/credentials/uri.js";
import { json, scriptedFetch } from "../helpers.js";

const NOW = Date.UTC(2026, 0, 2, 3, 0, 0);
const DOC = {
  Code: "Success",
  AccessKeyId: "STS.uri-key",
  AccessKeySecret: "uri-secret-never-shown",
  SecurityToken: "CAISuri-token-never-shown",
  Expiration: "2026-01-02T09:00:00Z",
};

describe("uriCredentials", () => {
  it("reads ALIBABA_CLOUD_CREDENTIALS_URI with a GET and caches until shortly before Expiration", async () => {
    const { fetch, sent } = scriptedFetch(json(DOC));
    let now = NOW;
    const provider = uriCredentials({
      env: { ALIBABA_CLOUD_CREDENTIALS_URI: "http://127.0.0.1:9999/creds?key=abc" },
      fetch,
      now: () => now,
    });
    expect(await provider()).toMatchObject({
      accessKeyId: "STS.uri-key",
      securityToken: DOC.SecurityToken,
      expiration: new Date(DOC.Expiration),
      providerName: "credential_uri",
    });
    await provider();
    now += 5 * 3600_000 + 50 * 60_000; // 10 minutes left
    await provider();
    expect(sent.map((r) => `${r.method} ${r.url.href}`)).toEqual([
      "GET http://127.0.0.1:9999/creds?key=abc",
      "GET http://127.0.0.1:9999/creds?key=abc",
    ]);
  });

  it("asks again on every call when the answer has no Expiration (as the official provider allows)", async () => {
    const { fetch, sent } = scriptedFetch(json({ ...DOC, Expiration: undefined }));
    const provider = uriCredentials({ uri: "http://127.0.0.1:9999/", fetch });
    expect((await provider()).expiration).toBeUndefined();
    await provider();
    expect(sent).toHaveLength(2);
  });

  it("fails clearly, naming the origin only and never the body", async () => {
    const fail = async (
      reply: Response | Error,
      uri = "http://127.0.0.1:9999/secret-path?token=t0ps3cret",
    ) => {
      const { fetch } = scriptedFetch(reply);
      const error = await uriCredentials({ uri, fetch })().catch((e: unknown) => e);
      expect(error).toBeInstanceOf(CredentialsError);
      const message = (error as Error).message;
      expect(message).not.toContain("t0ps3cret");
      expect(message).not.toContain("secret-path");
      expect(message).not.toContain(DOC.AccessKeySecret);
      return message;
    };
    expect(await uriCredentials({ env: {} })().catch((e: Error) => e.message)).toBe(
      "credential_uri: ALIBABA_CLOUD_CREDENTIALS_URI (uri) not set",
    );
    expect(await fail(json(DOC), "file:///etc/creds")).toBe(
      "credential_uri: ALIBABA_CLOUD_CREDENTIALS_URI is not an http(s) URL",
    );
    expect(await fail(json({ Message: DOC.AccessKeySecret }, 500))).toBe(
      "credential_uri: the credentials URI http://127.0.0.1:9999 answered HTTP 500",
    );
    expect(await fail(new Response(`{"AccessKeySecret":"${DOC.AccessKeySecret}"`))).toBe(
      "credential_uri: the credentials URI http://127.0.0.1:9999 answered a body that is not JSON",
    );
    expect(await fail(json({ ...DOC, SecurityToken: "" }))).toBe(
      "credential_uri: the credentials URI http://127.0.0.1:9999 answered without SecurityToken",
    );
    expect(await fail(json({ ...DOC, Code: "Expired" }))).toBe(
      'credential_uri: the credentials URI http://127.0.0.1:9999 answered Code "Expired"',
    );
    const refused = Object.assign(new TypeError("fetch failed"), {
      cause: Object.assign(new Error("connect ECONNREFUSED"), { code: "ECONNREFUSED" }),
    });
    expect(await fail(refused)).toBe(
      "credential_uri: cannot reach the credentials URI http://127.0.0.1:9999 (connection failed: ECONNREFUSED)",
    );
  });
});
