// README.md is the package's page on the npm registry and in node_modules, where only
// the tarball's files exist. The rule: a relative link points into the tarball (package.json
// `files` ships docs/*.md and examples/), and an absolute link to this repository names a
// file of the checkout. The registry page resolves relative links through `repository`.
import { execFileSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";

const root = join(import.meta.dirname, "..", "..");
const manifest = JSON.parse(readFileSync(join(root, "package.json"), "utf8")) as {
  repository?: { url?: string };
  homepage?: string;
  bugs?: { url?: string };
};
const REPO = "https://github.com/alicloud-eci/alicloud-eci";

/** Every link target of a markdown text: inline links, reference definitions, HTML href/src. */
function linksOf(markdown: string): string[] {
  const prose = markdown.replace(/^```[\s\S]*?^```/gm, "").replace(/`[^`\n]*`/g, "");
  const inline = [...prose.matchAll(/\]\(\s*<?([^)\s>]+)>?(?:\s+"[^"]*")?\s*\)/g)];
  const references = [...prose.matchAll(/^\s*\[[^\]]+\]:\s*<?(\S+?)>?(?:\s|$)/gm)];
  const html = [...prose.matchAll(/\b(?:href|src)="([^"]+)"/g)];
  return [...inline, ...references, ...html].map((m) => m[1] as string);
}

/** The paths `npm pack` would ship. */
function packed(): string[] {
  const out = execFileSync("npm", ["pack", "--dry-run", "--json", "--ignore-scripts"], {
    cwd: root,
    encoding: "utf8",
    stdio: ["ignore", "pipe", "pipe"],
  });
  return (JSON.parse(out) as { files: { path: string }[] }[])[0]?.files.map((f) => f.path) ?? [];
}

describe("README.md on the registry", () => {
  const links = linksOf(readFileSync(join(root, "README.md"), "utf8"));

  it("finds the README's links", () => {
    expect(links.length).toBeGreaterThan(10);
    expect(linksOf("[a](docs/x.md) `[b](no.md)`\n```\n[c](no.md)\n```\n[d]: ./y.md\n")).toEqual([
      "docs/x.md",
      "./y.md",
    ]);
  });

  it("links only to files the tarball ships, or to files of this repository", () => {
    const files = packed();
    const broken = links.flatMap((link) => {
      if (link.startsWith("#") || link.startsWith("mailto:")) return [];
      if (link.startsWith(`${REPO}/blob/`) || link.startsWith(`${REPO}/tree/`)) {
        const path = link.replace(/^[^#]*?\/(?:blob|tree)\/[^/]+\//, "").split("#")[0] as string;
        return existsSync(join(root, path)) ? [] : [`${link} (not in the checkout)`];
      }
      if (/^[a-z][a-z+.-]*:/i.test(link)) return []; // another site
      const path = decodeURI(link.split("#")[0] as string)
        .replace(/^\.\//, "")
        .replace(/\/$/, "");
      const shipped = files.some((file) => file === path || file.startsWith(`${path}/`));
      return shipped ? [] : [`${link} (not in the tarball)`];
    });
    expect(broken).toEqual([]);
  });

  it("names the repository, its home page and where to report bugs", () => {
    expect(manifest.repository?.url).toBe(`git+${REPO}.git`);
    expect(manifest.homepage).toBe(`${REPO}#readme`);
    expect(manifest.bugs?.url).toBe(`${REPO}/issues`);
  });
});
