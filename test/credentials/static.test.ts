import { inspect } from "node:util";
import { describe, expect, it } from "vitest";
import { staticCredentials } from "../../src/credentials.js";
import { ConfigurationError } from "../../src/index.js";

describe("staticCredentials", () => {
  it("returns the keys, named static_ak, and STS triples named static_sts", async () => {
    await expect(
      staticCredentials({ accessKeyId: "id", accessKeySecret: "secret" })(),
    ).resolves.toMatchObject({
      accessKeyId: "id",
      accessKeySecret: "secret",
      providerName: "static_ak",
    });
    const sts = await staticCredentials({
      accessKeyId: "STS.id",
      accessKeySecret: "s",
      securityToken: "tok",
    })();
    expect(sts).toMatchObject({ securityToken: "tok", providerName: "static_sts" });
  });

  it("refuses a missing id or secret at once, without quoting what it got", () => {
    for (const bad of [
      { accessKeyId: "", accessKeySecret: "s3cr3t" },
      { accessKeyId: "id", accessKeySecret: "" },
      {},
    ]) {
      const attempt = () => staticCredentials(bad as never);
      expect(attempt).toThrow(ConfigurationError);
      try {
        attempt();
      } catch (error) {
        expect((error as Error).message).not.toContain("s3cr3t");
      }
    }
  });

  it("never shows the secret or the token when logged", async () => {
    const creds = await staticCredentials({
      accessKeyId: "id",
      accessKeySecret: "s3cr3t",
      securityToken: "t0ken",
    })();
    for (const text of [JSON.stringify(creds), inspect(creds, { depth: 5 }), String(creds)]) {
      expect(text).not.toContain("s3cr3t");
      expect(text).not.toContain("t0ken");
    }
  });
});
