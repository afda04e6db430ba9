// Wire parameters a caller adds as given (`rawParameters`): the way to send a parameter
// the spec does not know yet. They join the flattened input; a name the input already
// fills, or one the signer owns, is refused before anything is sent.
import { ValidationError, type ValidationIssue } from "../base/errors.js";
import type { Params } from "../sign/flatten.js";

/** Parameters the v1 signer writes itself (V3 carries them in headers, and refuses them too). */
const SIGNER_OWNED = new Set([
  "AccessKeyId",
  "Action",
  "Format",
  "SecurityToken",
  "Signature",
  "SignatureMethod",
  "SignatureNonce",
  "SignatureType",
  "SignatureVersion",
  "Timestamp",
  "Version",
]);

export function addRawParameters(
  action: string,
  params: Params,
  raw: Readonly<Record<string, string | number | boolean>> | undefined,
): Params {
  if (!raw) return params;
  const names = Object.keys(raw);
  if (names.length === 0) return params;
  const given = new Set(params.map(([name]) => name));
  const issues: ValidationIssue[] = [];
  const out: Params = [...params];
  for (const name of names) {
    const value = raw[name];
    const path = `rawParameters.${name}`;
    if (SIGNER_OWNED.has(name)) issues.push({ path, rule: "is set by the signer" });
    else if (given.has(name)) issues.push({ path, rule: "is also given in the input" });
    else if (name === "" || /[\s=&]/.test(name))
      issues.push({ path, rule: "must be a parameter name (no spaces, = or &)" });
    else if (typeof value !== "string" && typeof value !== "number" && typeof value !== "boolean")
      issues.push({ path, rule: "must be a string, a number or a boolean" });
    else out.push([name, String(value)]);
  }
  if (issues.length) throw new ValidationError(action, issues);
  return out.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
}
