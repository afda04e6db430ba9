// version.ts: the version the User-Agent names, from package.json (one source, checked like the rest).
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { root } from "../lib/spec.js";
import { header } from "./names.js";

export function versionFile(): string {
  const { version } = JSON.parse(readFileSync(join(root, "package.json"), "utf8")) as {
    version: string;
  };
  return `${header("package.json")}/** This package's version, as the User-Agent sends it. */\nexport const VERSION = ${JSON.stringify(version)};\n`;
}
