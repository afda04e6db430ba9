// A fake cloud set up as for a pod on ACK Serverless with RRSA: an OIDC provider for the
// cluster's issuer, a role that trusts it for one service account, a role that trusts the
// account (for AssumeRole), and a token file as ACK projects it. Recorded STS calls show
// what each provider sent.
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createFakeCloud, type FakeCloud, fakeOidcToken } from "../../src/testing/index.js";

export const ISSUER = "https://oidc-ack-cn-hangzhou.oss-cn-hangzhou-internal.aliyuncs.com/c1234";
export const SUBJECT = "system:serviceaccount:default:worker";
export const ACCOUNT = 1234567890123456;

export interface Rrsa {
  fake: FakeCloud;
  providerArn: string;
  /** trusts the OIDC provider, for SUBJECT only */
  podRoleArn: string;
  /** trusts every identity of the account (AssumeRole) */
  adminRoleArn: string;
  /** trusts the account with sts:ExternalId "ext-42" */
  partnerRoleArn: string;
  tokenFile: string;
  /** writes a fresh token (now on the fake's clock), as the kubelet rotates it */
  writeToken(options?: {
    subject?: string;
    audience?: string;
    expiresInMs?: number;
  }): Promise<string>;
  /** the fake as a fetch, for the providers' `fetch` option */
  fetch: (input: string, init: RequestInit) => Promise<Response>;
  /** the environment ACK gives the pod */
  env: Record<string, string>;
  cleanup(): Promise<void>;
}

/** `startTime` of the fake's clock: a fixed day by default, `"wall"` for today (the official provider's caches read Date.now). */
export async function rrsa(
  startTime: number | "wall" = Date.UTC(2026, 0, 2, 3, 0, 0),
): Promise<Rrsa> {
  const fake = createFakeCloud({
    accountId: ACCOUNT,
    ...(startTime === "wall" ? {} : { startTime }),
  });
  const account = String(ACCOUNT);
  const { arn: providerArn } = fake.sts.addOidcProvider({
    name: "ack-rrsa-c1234",
    issuerUrl: ISSUER,
  });
  const { arn: podRoleArn } = fake.sts.addRole({
    name: "EciWorker",
    maxSessionDuration: 43_200,
    trustPolicy: {
      Version: "1",
      Statement: [
        {
          Action: "sts:AssumeRole",
          Effect: "Allow",
          Principal: { Federated: [providerArn] },
          Condition: {
            StringEquals: {
              "oidc:iss": ISSUER,
              "oidc:aud": "sts.aliyuncs.com",
              "oidc:sub": SUBJECT,
            },
          },
        },
      ],
    },
  });
  const { arn: adminRoleArn } = fake.sts.addRole({
    name: "Admin",
    trustPolicy: {
      Version: "1",
      Statement: [
        {
          Action: "sts:AssumeRole",
          Effect: "Allow",
          Principal: { RAM: [`acs:ram::${account}:root`] },
        },
      ],
    },
  });
  const { arn: partnerRoleArn } = fake.sts.addRole({
    name: "Partner",
    trustPolicy: {
      Version: "1",
      Statement: [
        {
          Action: "sts:AssumeRole",
          Effect: "Allow",
          Principal: { RAM: [`acs:ram::${account}:root`] },
          Condition: { StringEquals: { "sts:ExternalId": "ext-42" } },
        },
      ],
    },
  });
  const dir = await mkdtemp(join(tmpdir(), "alicloud-eci-rrsa-"));
  const tokenFile = join(dir, "token");
  const writeToken: Rrsa["writeToken"] = async (options = {}) => {
    const token = fakeOidcToken({
      issuer: ISSUER,
      subject: options.subject ?? SUBJECT,
      audience: options.audience,
      issuedAt: fake.now(),
      expiresInMs: options.expiresInMs,
    });
    await writeFile(tokenFile, token);
    return token;
  };
  await writeToken();
  return {
    fake,
    providerArn,
    podRoleArn,
    adminRoleArn,
    partnerRoleArn,
    tokenFile,
    writeToken,
    fetch: (input, init) => fake.fetch(input, init),
    env: {
      ALIBABA_CLOUD_ROLE_ARN: podRoleArn,
      ALIBABA_CLOUD_OIDC_PROVIDER_ARN: providerArn,
      ALIBABA_CLOUD_OIDC_TOKEN_FILE: tokenFile,
    },
    cleanup: () => rm(dir, { recursive: true, force: true }),
  };
}
