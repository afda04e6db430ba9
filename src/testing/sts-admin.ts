// `fake.sts`: what RAM would hold for STS to work with, set up by the test: OIDC providers
// (an ACK cluster's RRSA issuer) and roles with their trust policies.

import type { IdFactory } from "./ids.js";
import { GLOBAL, type World } from "./state.js";

/** Options of `fake.sts.addOidcProvider`. */
export interface FakeOidcProviderOptions {
  /** the provider's name in RAM, e.g. `ack-rrsa-<cluster id>` */
  name: string;
  /** the issuer (`iss`) of its tokens */
  issuerUrl: string;
  /** audiences (`aud`) it accepts (default `["sts.aliyuncs.com"]`) */
  clientIds?: readonly string[];
}

/** Options of `fake.sts.addRole`. */
export interface FakeRoleOptions {
  /** the role's name */
  name: string;
  /** its trust policy: who may take it (a RAM policy document, as an object or JSON text) */
  trustPolicy: object | string;
  /** longest session in seconds (default 3600, at most 43200) */
  maxSessionDuration?: number;
}

/** RAM set-up for the fake's STS. */
export interface FakeSts {
  /** Registers an OIDC provider; its ARN is what `ALIBABA_CLOUD_OIDC_PROVIDER_ARN` names. */
  addOidcProvider(options: FakeOidcProviderOptions): {
    /** `acs:ram::<account id>:oidc-provider/<name>` */
    arn: string;
  };
  /** Creates a role; its ARN is what `ALIBABA_CLOUD_ROLE_ARN` names. */
  addRole(options: FakeRoleOptions): {
    /** `acs:ram::<account id>:role/<name in lower case>` */
    arn: string;
    /** the role's id, the first part of `AssumedRoleId` */
    roleId: string;
  };
}

export function stsAdmin(source: { world: World; ids: IdFactory }): FakeSts {
  const context = () => ({ ids: source.ids, regionId: GLOBAL });
  const account = () => source.world.ownerId;
  return {
    addOidcProvider({ name, issuerUrl, clientIds = ["sts.aliyuncs.com"] }) {
      const arn = `acs:ram::${account()}:oidc-provider/${name}`;
      source.world.sts.oidcProviders.create(context(), {
        OIDCProviderName: name,
        Arn: arn,
        IssuerUrl: issuerUrl,
        ClientIds: [...clientIds],
      });
      return { arn };
    },
    addRole({ name, trustPolicy, maxSessionDuration = 3600 }) {
      if (maxSessionDuration < 3600 || maxSessionDuration > 43_200)
        throw new RangeError("maxSessionDuration is 3600 to 43200 seconds");
      const arn = `acs:ram::${account()}:role/${name.toLowerCase()}`;
      const role = source.world.sts.roles.create(context(), {
        RoleName: name,
        Arn: arn,
        AssumeRolePolicyDocument:
          typeof trustPolicy === "string" ? trustPolicy : JSON.stringify(trustPolicy),
        MaxSessionDuration: maxSessionDuration,
      });
      return { arn, roleId: role.RoleId };
    },
  };
}
