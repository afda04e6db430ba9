// Issue 14, defect 2: no secret of the client's credentials reaches an error, whatever
// the server or the fetch echoes back.
import { describe, expect, it } from "vitest";
import { ConnectionError, CredentialsError, createEciClient, PopError } from "../../src/index.js";
import { cliProfileCredentials, iniProfileCredentials } from "../../src/node.js";
import { STS, scriptedFetch } from "../helpers.js";
import { leaks, surfaces } from "./scan.js";

const SECRETS = [STS.accessKeySecret, STS.securityToken];

function v1Client(reply: Parameters<typeof scriptedFetch>[0]) {
  const { fetch, sent } = scriptedFetch(reply);
  const eci = createEciClient({
    regionId: "cn-hangzhou",
    credentials: STS,
    signatureVersion: "v1",
    fetch,
    retry: false,
  });
  return { eci, sent };
}

describe("secrets in client errors", () => {
  it("a non-JSON error body echoing the v1 URL (token, signature) is masked in PopError", async () => {
    let signature = "";
    const { eci } = v1Client((sent) => {
      signature = sent.params.Signature as string;
      const echo = `${sent.url.href} ${btoa(sent.url.href)} ${encodeURIComponent(sent.url.href)}`;
      return new Response(`<html>bad request to ${echo}</html>`, { status: 400 });
    });
    const error = await eci.describeRegions({ RegionId: "cn-hangzhou" }).catch((e) => e);
    expect(error).toBeInstanceOf(PopError);
    expect(leaks(surfaces(error), ...SECRETS, signature)).toEqual([]);
  });

  it("a JSON SignatureDoesNotMatch echoing the string to sign is masked everywhere in the error", async () => {
    const { eci } = v1Client((sent) => {
      const query = sent.url.search.slice(1);
      const stringToSign = `POST&%2F&${encodeURIComponent(query)}`;
      return new Response(
        JSON.stringify({
          Code: "SignatureDoesNotMatch",
          Message: `Specified signature is not matched with our calculation. server string to sign is:${stringToSign}`,
          Recommend: `https://next.api.aliyun.com/troubleshoot?q=${encodeURIComponent(stringToSign)}`,
        }),
        { status: 400, headers: { "content-type": "application/json" } },
      );
    });
    const error = await eci.describeRegions({ RegionId: "cn-hangzhou" }).catch((e) => e);
    expect(error.code).toBe("SignatureDoesNotMatch");
    expect(leaks(surfaces(error), ...SECRETS)).toEqual([]);
  });

  it("a fetch whose error quotes the URL (node-fetch style) leaks nothing through ConnectionError", async () => {
    const { eci } = v1Client(
      (sent) => new TypeError(`request to ${sent.url.href} failed, reason: socket hang up`),
    );
    const error = await eci.describeRegions({ RegionId: "cn-hangzhou" }).catch((e) => e);
    expect(error).toBeInstanceOf(ConnectionError);
    expect(error.message).toContain("socket hang up");
    expect(leaks(surfaces(error), ...SECRETS)).toEqual([]);
  });

  it("a CLI profile whose mode holds the secret does not quote it", async () => {
    const secret = "Leaked-Secret-In-Mode-Field-1234";
    const { mkdtemp, writeFile } = await import("node:fs/promises");
    const { join } = await import("node:path");
    const { tmpdir } = await import("node:os");
    const dir = await mkdtemp(join(tmpdir(), "cli-"));
    const path = join(dir, "config.json");
    await writeFile(
      path,
      JSON.stringify({ current: "p", profiles: [{ name: "p", mode: secret }] }),
    );
    const error = await cliProfileCredentials({ path, env: {} })().catch((e) => e);
    expect(error).toBeInstanceOf(CredentialsError);
    expect(error.message).toContain("a mode the CLI does not define");
    expect(leaks(surfaces(error), secret)).toEqual([]);

    const ini = join(dir, "credentials");
    await writeFile(ini, `[default]\ntype = ${secret}\n`);
    const iniError = await iniProfileCredentials({ path: ini, env: {} })().catch((e) => e);
    expect(iniError.message).toContain("a type the SDKs do not define");
    expect(leaks(surfaces(iniError), secret)).toEqual([]);
  });
});
