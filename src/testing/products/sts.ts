// The STS product: AssumeRole (a signed caller the role's trust policy names),
// AssumeRoleWithOIDC (an OIDC token from a provider the role trusts, checked for issuer,
// audience and expiry on the fake's clock) and GetCallerIdentity. Credentials it issues
// are accepted by the gateway, for every product, until they expire on the fake's clock.
import type { operations } from "../../../generated/sts.js";
import { FakeApiError, notFound } from "../errors.js";
import { readOidcToken } from "../oidc.js";
import type { RoleRecord } from "../state.js";
import { type ActionContext, type ActionTable, isoTime } from "./context.js";
import { trusts } from "./sts-trust.js";

const ALNUM = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
const NO_PERMISSION = () =>
  new FakeApiError(
    "NoPermission",
    "You are not authorized to do this action. You should be authorized by RAM.",
    403,
  );
const badToken = (why: string) =>
  new FakeApiError("AuthenticationFail.OIDCToken.Invalid", `The OIDC token is invalid: ${why}.`);

/** The identity a signed call acts as: a role session, else the account's RAM user. */
function identityOf(context: ActionContext) {
  const account = String(context.world.ownerId);
  const accessKeyId = context.caller?.accessKeyId ?? "";
  const session = context.world.sts.sessions.get(accessKeyId);
  if (session) {
    const { role, sessionName } = session;
    return {
      AccountId: account,
      Arn: `acs:ram::${account}:assumed-role/${role.RoleName}/${sessionName}`,
      IdentityType: "AssumedRoleUser" as const,
      PrincipalId: `${role.RoleId}:${sessionName}`,
      RoleId: role.RoleId,
      // a role session may take roles that trust its account or its own role
      trusted: [`acs:ram::${account}:root`, role.Arn],
    };
  }
  const userId = `2${[...accessKeyId].reduce((h, c) => (h * 31 + c.charCodeAt(0)) % 1e15, 7)}`;
  return {
    AccountId: account,
    Arn: `acs:ram::${account}:user/fake-user`,
    IdentityType: "RAMUser" as const,
    PrincipalId: userId,
    UserId: userId,
    trusted: [`acs:ram::${account}:root`, `acs:ram::${account}:user/fake-user`],
  };
}

function roleOf(context: ActionContext, arn: string): RoleRecord {
  const role = [...context.world.sts.roles.values()].find((r) => r.Arn === arn);
  if (!role) throw notFound("EntityNotExist.Role", `The role not exists: ${arn}.`);
  return role;
}

/** Temporary credentials for a session of `role`, accepted by the gateway until they expire. */
function issue(
  context: ActionContext,
  role: RoleRecord,
  sessionName: string,
  durationSeconds = 3600,
) {
  if (durationSeconds > role.MaxSessionDuration) {
    throw new FakeApiError(
      "InvalidParameter.DurationSeconds",
      `The DurationSeconds must be between 900 and ${role.MaxSessionDuration} (the role's MaxSessionDuration).`,
    );
  }
  const draw = (n: number, alphabet: string) =>
    Array.from(
      { length: n },
      () => alphabet[Math.floor(context.ids.next() * alphabet.length)],
    ).join("");
  const expires = Math.floor(context.now / 1000) * 1000 + durationSeconds * 1000;
  const credentials = {
    accessKeyId: `STS.NT${draw(22, ALNUM)}`,
    accessKeySecret: draw(44, ALNUM),
    securityToken: `CAIS${draw(120, `${ALNUM}+/`)}`,
    expiration: new Date(expires),
  };
  const clock = context.clock;
  context.keys.add(credentials, () => clock.now());
  context.world.sts.sessions.set(credentials.accessKeyId, { role, sessionName });
  return {
    Credentials: {
      AccessKeyId: credentials.accessKeyId,
      AccessKeySecret: credentials.accessKeySecret,
      SecurityToken: credentials.securityToken,
      Expiration: isoTime(expires),
    },
    AssumedRoleUser: {
      Arn: `${role.Arn}/${sessionName}`,
      AssumedRoleId: `${role.RoleId}:${sessionName}`,
    },
  };
}

/** Handlers of the 3 STS actions. */
export const stsActions: ActionTable<operations> = {
  AssumeRole(context, input) {
    const caller = identityOf(context);
    const role = roleOf(context, input.RoleArn);
    const allowed = trusts(role.AssumeRolePolicyDocument, {
      ram: caller.trusted,
      keys: { "sts:ExternalId": input.ExternalId },
    });
    if (!allowed) throw NO_PERMISSION();
    return issue(context, role, input.RoleSessionName, input.DurationSeconds);
  },

  AssumeRoleWithOIDC(context, input) {
    const provider = [...context.world.sts.oidcProviders.values()].find(
      (p) => p.Arn === input.OIDCProviderArn,
    );
    if (!provider) {
      throw notFound(
        "EntityNotExist.OIDCProvider",
        `The OIDC provider not exists: ${input.OIDCProviderArn}.`,
      );
    }
    const claims = readOidcToken(input.OIDCToken);
    if (claims === "malformed") throw badToken("it is not a JWT with iss and exp");
    if (claims === "signature") throw badToken("its signature does not verify");
    if (claims.iss !== provider.IssuerUrl)
      throw badToken(`its issuer is not the one of ${provider.OIDCProviderName}`);
    const audiences = typeof claims.aud === "string" ? [claims.aud] : claims.aud;
    if (!audiences.some((aud) => provider.ClientIds.includes(aud)))
      throw badToken(`none of its audiences is a client id of ${provider.OIDCProviderName}`);
    if (claims.exp * 1000 <= context.now) {
      throw new FakeApiError("AuthenticationFail.OIDCToken.Expired", "The OIDC token has expired.");
    }
    const role = roleOf(context, input.RoleArn);
    const allowed = trusts(role.AssumeRolePolicyDocument, {
      federated: provider.Arn,
      keys: { "oidc:iss": claims.iss, "oidc:aud": audiences, "oidc:sub": claims.sub },
    });
    if (!allowed) throw NO_PERMISSION();
    return {
      ...issue(context, role, input.RoleSessionName, input.DurationSeconds),
      OIDCTokenInfo: {
        Issuer: claims.iss,
        Subject: claims.sub,
        ClientIds: audiences.join(","),
        IssuanceTime: isoTime(claims.iat * 1000),
        ExpirationTime: isoTime(claims.exp * 1000),
        VerificationInfo: "Success",
      },
    };
  },

  GetCallerIdentity(context) {
    const { trusted: _, ...identity } = identityOf(context);
    return identity;
  },
};
