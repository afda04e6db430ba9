// The names the package's main entry (src/index.ts) exports besides generated/index.ts: a
// generated type must not take one of them, or the hand-written export would hide it.
import { readFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import ts from "typescript";
import { root } from "../lib/spec.js";

export function entryNames(file = join(root, "src", "index.ts")): Set<string> {
  const names = new Set<string>();
  const source = ts.createSourceFile(file, readFileSync(file, "utf8"), ts.ScriptTarget.ES2022);
  for (const statement of source.statements) {
    if (!ts.isExportDeclaration(statement)) continue;
    const from = statement.moduleSpecifier;
    const path = from && ts.isStringLiteral(from) ? from.text : undefined;
    if (statement.exportClause && ts.isNamedExports(statement.exportClause)) {
      for (const element of statement.exportClause.elements) names.add(element.name.text);
    } else if (statement.exportClause) {
      names.add(statement.exportClause.name.text); // export * as name
    } else if (path?.startsWith(".") && !path.includes("/generated/")) {
      const next = resolve(dirname(file), path.replace(/\.js$/, ".ts"));
      for (const name of entryNames(next)) names.add(name);
    }
  }
  return names;
}
