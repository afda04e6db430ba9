import { afterEach, describe, expect, it, vi } from "vitest";
import { envCredentials } from "../../src/credentials/env.js";
import { CredentialsError } from "../../src/credentials/errors.js";

describe("envCredentials", () => {
  afterEach(() => {
    vi.unstubAllEnvs();
  });

  it("reads ALIBABA_CLOUD_ACCESS_KEY_ID / _SECRET / ALIBABA_CLOUD_SECURITY_TOKEN", async () => {
    const credentials = await envCredentials({
      env: {
        ALIBABA_CLOUD_ACCESS_KEY_ID: "STS.id",
        ALIBABA_CLOUD_ACCESS_KEY_SECRET: "secret",
        ALIBABA_CLOUD_SECURITY_TOKEN: "token",
      },
    })();
    expect(credentials).toEqual({
      accessKeyId: "STS.id",
      accessKeySecret: "secret",
      securityToken: "token",
      providerName: "env",
    });
  });

  it("accepts the CLI's older spellings, in the CLI's order", async () => {
    const read = (env: Record<string, string>) => envCredentials({ env })();
    expect(
      await read({ ACCESS_KEY_ID: "plain", ACCESS_KEY_SECRET: "s", SECURITY_TOKEN: "t" }),
    ).toMatchObject({
      accessKeyId: "plain",
      securityToken: "t",
    });
    expect(
      await read({
        ALICLOUD_ACCESS_KEY_ID: "alicloud",
        ACCESS_KEY_ID: "plain",
        ALICLOUD_ACCESS_KEY_SECRET: "s",
      }),
    ).toMatchObject({
      accessKeyId: "alicloud",
    });
    expect(
      await read({
        ALIBABACLOUD_ACCESS_KEY_ID: "alibabacloud",
        ALICLOUD_ACCESS_KEY_ID: "alicloud",
        ACCESS_KEY_SECRET: "s",
      }),
    ).toMatchObject({ accessKeyId: "alibabacloud" });
    expect(
      await read({
        ALIBABA_CLOUD_ACCESS_KEY_ID: "alibaba_cloud",
        ALIBABACLOUD_ACCESS_KEY_ID: "alibabacloud",
        ALIBABA_CLOUD_ACCESS_KEY_SECRET: "first",
        ALIBABACLOUD_ACCESS_KEY_SECRET: "second",
        ALICLOUD_SECURITY_TOKEN: "t3",
        SECURITY_TOKEN: "t4",
      }),
    ).toEqual({
      accessKeyId: "alibaba_cloud",
      accessKeySecret: "first",
      securityToken: "t3",
      providerName: "env",
    });
  });

  it("names the missing variable, never the secret that is set", async () => {
    const none = await envCredentials({ env: {} })().catch((e: unknown) => e);
    expect(none).toBeInstanceOf(CredentialsError);
    expect(none).toMatchObject({ name: "CredentialsError", provider: "env" });
    expect((none as Error).message).toBe(
      "env: ALIBABA_CLOUD_ACCESS_KEY_ID and ALIBABA_CLOUD_ACCESS_KEY_SECRET are not set",
    );
    const half = await envCredentials({
      env: { ALICLOUD_ACCESS_KEY_SECRET: "very-secret-value" },
    })().catch((e: unknown) => e);
    expect((half as Error).message).toBe(
      "env: ALICLOUD_ACCESS_KEY_SECRET is set but ALIBABA_CLOUD_ACCESS_KEY_ID is not",
    );
    expect(JSON.stringify(half)).not.toContain("very-secret-value");
  });

  it("reads process.env at every call when no env is given", async () => {
    const provider = envCredentials();
    vi.stubEnv("ALIBABA_CLOUD_ACCESS_KEY_ID", "first-id");
    vi.stubEnv("ALIBABA_CLOUD_ACCESS_KEY_SECRET", "first-secret");
    expect((await provider()).accessKeyId).toBe("first-id");
    vi.stubEnv("ALIBABA_CLOUD_ACCESS_KEY_ID", "rotated-id");
    expect((await provider()).accessKeyId).toBe("rotated-id");
  });

  it("hides the secret and token from JSON and util.inspect", async () => {
    const { inspect } = await import("node:util");
    const credentials = await envCredentials({
      env: {
        ALIBABA_CLOUD_ACCESS_KEY_ID: "id",
        ALIBABA_CLOUD_ACCESS_KEY_SECRET: "s3cr3t",
        ALIBABA_CLOUD_SECURITY_TOKEN: "t0k3n",
      },
    })();
    for (const shown of [JSON.stringify(credentials), inspect(credentials), `${credentials}`]) {
      expect(shown).not.toContain("s3cr3t");
      expect(shown).not.toContain("t0k3n");
    }
    expect(JSON.parse(JSON.stringify(credentials))).toEqual({
      accessKeyId: "id",
      accessKeySecret: "***",
      securityToken: "***",
      providerName: "env",
    });
    expect({ ...credentials }.accessKeySecret).toBe("s3cr3t");
  });
});
