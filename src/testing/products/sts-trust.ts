// The part of RAM's trust policies the fake's STS evaluates: who may take a role. A role
// trusts accounts or RAM identities (`Principal.RAM`: `acs:ram::<account>:root` for any
// identity of the account, or one user's or role's ARN) and OIDC providers
// (`Principal.Federated`), narrowed by `StringEquals` / `StringLike` conditions on
// `oidc:iss`, `oidc:aud`, `oidc:sub` and `sts:ExternalId`. A matching Deny wins.

/** Who asks to take a role, as the policy's principals and condition keys see it. */
export interface TrustRequest {
  /** ARNs the caller counts as: its own and its account's root */
  ram?: readonly string[];
  /** the OIDC provider ARN of an AssumeRoleWithOIDC call */
  federated?: string;
  /** condition keys and their values (`oidc:aud` may have several) */
  keys: Readonly<Record<string, string | readonly string[] | undefined>>;
}

type Values = string | readonly string[] | undefined;
const list = (value: Values): readonly string[] =>
  value === undefined ? [] : typeof value === "string" ? [value] : value;

const like = (pattern: string, value: string) =>
  new RegExp(
    `^${pattern
      .split("*")
      .map((part) => part.replace(/[.+?^${}()|[\]\\]/g, "\\$&"))
      .join(".*")}$`,
  ).test(value);

interface Statement {
  Effect?: string;
  Action?: Values;
  Principal?: { RAM?: Values; Federated?: Values; Service?: Values };
  Condition?: Record<string, Record<string, Values>>;
}

function matches(statement: Statement, request: TrustRequest): boolean {
  if (!list(statement.Action).some((action) => action === "sts:AssumeRole" || action === "*"))
    return false;
  const ram = list(statement.Principal?.RAM);
  const federated = list(statement.Principal?.Federated);
  const byPrincipal =
    ram.some((arn) => request.ram?.includes(arn)) ||
    (request.federated !== undefined && federated.includes(request.federated));
  if (!byPrincipal) return false;
  for (const [operator, conditions] of Object.entries(statement.Condition ?? {})) {
    const test = operator === "StringLike" ? like : (a: string, b: string) => a === b;
    for (const [key, wanted] of Object.entries(conditions)) {
      const given = list(request.keys[key]);
      if (!given.some((value) => list(wanted).some((w) => test(w, value)))) return false;
    }
  }
  return true;
}

/** True when the trust policy (JSON text) lets `request` take the role. */
export function trusts(policy: string, request: TrustRequest): boolean {
  let document: { Statement?: Statement[] };
  try {
    document = JSON.parse(policy);
  } catch {
    return false;
  }
  const statements = (document?.Statement ?? []).filter((s) => matches(s, request));
  return (
    statements.some((s) => s.Effect === "Allow") && !statements.some((s) => s.Effect === "Deny")
  );
}
