// A page built the ways users build it, from the installed package (bench/lib/packed.ts):
// Vite with its defaults (an index.html, code splitting, minified), and esbuild as one
// file without splitting (its default, and what many single-file builds do: every
// `import()` is inlined). Sizes are gzip per file, as a server sends each one; for Vite,
// the files the page loads up to the end of its first call (bench/lib/first-call.ts).
import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { basename, join } from "node:path";
import { gzipSync } from "node:zlib";
import { build as esbuild } from "esbuild";
import { type Rolldown, build as vite } from "vite";
import { firstCallFiles } from "./first-call.js";
import { ROOT } from "./paths.js";

/** One file the page loads. */
export interface ServedFile {
  file: string;
  /** `entry`: the page's own chunk; `static`: imported by a loaded file; `lazy`: imported by the first call */
  kind: "entry" | "static" | "lazy";
  minBytes: number;
  gzipBytes: number;
}

export interface UserBundle {
  files: ServedFile[];
  /** sums over `files`, each gzipped on its own */
  minBytes: number;
  gzipBytes: number;
  /** chunks split off behind a dynamic import that the first call does not load */
  notLoaded: string[];
  /** the loaded code, to search for what must not be there */
  code: string;
}

export interface UserPage {
  /** the page, relative to the repository root */
  fixture: string;
  vite: UserBundle;
  oneFile: UserBundle;
  /** the package's dist/ files its first call imports (running it), by name */
  firstCall: string[];
}

const served = (file: string, kind: ServedFile["kind"], code: string): ServedFile => ({
  file,
  kind,
  minBytes: Buffer.byteLength(code),
  gzipBytes: gzipSync(code, { level: 9 }).length,
});

function total(files: ServedFile[], notLoaded: string[], code: string): UserBundle {
  return {
    files,
    minBytes: files.reduce((sum, f) => sum + f.minBytes, 0),
    gzipBytes: files.reduce((sum, f) => sum + f.gzipBytes, 0),
    notLoaded,
    code,
  };
}

const distFile = (id: string) =>
  /[\\/]node_modules[\\/]alicloud-eci[\\/]dist[\\/]/.test(id) ? basename(id) : undefined;

/** `vite build` of the page in `root`: its entry chunk, the chunks the first call loads, and what they import. */
async function viteBundle(root: string, firstCall: readonly string[]): Promise<UserBundle> {
  const result = await vite({
    root,
    configFile: false,
    logLevel: "silent",
    build: { write: false },
  });
  const output = (Array.isArray(result) ? result[0] : result) as Rolldown.RolldownOutput;
  const chunks = new Map<string, Rolldown.OutputChunk>();
  for (const item of output.output) if (item.type === "chunk") chunks.set(item.fileName, item);

  const loaded = new Map<string, ServedFile>();
  const visit = (file: string, kind: ServedFile["kind"]) => {
    const chunk = chunks.get(file);
    if (!chunk || loaded.has(file)) return;
    loaded.set(file, served(file, kind, chunk.code));
    for (const imported of chunk.imports) visit(imported, "static");
  };
  for (const chunk of chunks.values()) if (chunk.isEntry) visit(chunk.fileName, "entry");
  // the split points the first call crossed: chunks Vite made for a module it imported
  const crossed = (chunk: Rolldown.OutputChunk) => {
    const file = distFile(chunk.facadeModuleId ?? "");
    return chunk.isDynamicEntry && file !== undefined && firstCall.includes(file);
  };
  for (const chunk of chunks.values()) if (crossed(chunk)) visit(chunk.fileName, "lazy");
  return total(
    [...loaded.values()],
    [...chunks.keys()].filter((file) => !loaded.has(file)),
    [...loaded.keys()].map((file) => chunks.get(file)?.code).join("\n"),
  );
}

/** esbuild as one file (`bundle, format esm, splitting false, minify, platform browser`). */
async function oneFileBundle(root: string): Promise<UserBundle> {
  const result = await esbuild({
    absWorkingDir: root,
    entryPoints: ["main.ts"],
    bundle: true,
    format: "esm",
    splitting: false,
    minify: true,
    platform: "browser",
    outfile: "out.js",
    write: false,
    logLevel: "silent",
  });
  const code = result.outputFiles.find((f) => f.path.endsWith(".js"))?.text ?? "";
  return total([served("out.js", "entry", code)], [], code);
}

/** Builds `fixture` (a page of bench/fixtures) both ways in its own folder of `app`. */
export async function buildUserPage(app: string, name: string, fixture: string): Promise<UserPage> {
  const root = join(app, name);
  mkdirSync(root, { recursive: true });
  copyFileSync(join(ROOT, fixture), join(root, "main.ts"));
  writeFileSync(
    join(root, "index.html"),
    '<!doctype html>\n<html><body><script type="module" src="./main.ts"></script></body></html>\n',
  );
  const firstCall = firstCallFiles(root, readFileSync(join(root, "main.ts"), "utf8"));
  const [viteBuild, oneFile] = await Promise.all([
    viteBundle(root, firstCall),
    oneFileBundle(root),
  ]);
  return { fixture, vite: viteBuild, oneFile, firstCall };
}

/** The pages of the budgets: one ECI call through the signing proxy, and one signed with STS keys. */
export const USER_PAGES = {
  proxy: "bench/fixtures/proxy-page.ts",
  sts: "bench/fixtures/sts-page.ts",
} as const;

/** min+gzip budgets in bytes (1 kB = 1000 bytes); the STS page is not built as one file. */
export const USER_BUDGETS = { proxyVite: 8_000, proxyOneFile: 10_000, stsVite: 16_000 } as const;

/** Strings whose presence means code a page must not carry. */
export const MARKERS = {
  /** the signers, @noble/hashes, the credentials chain */
  signing: ["ACS3-HMAC-SHA256", "HMAC-SHA1", "sha256", "ALIBABA_CLOUD_ACCESS_KEY_ID"],
  /** Node's transport and built-ins */
  node: ["getBuiltinModule", "node:http"],
  /** other products' endpoint tables, in an ECI-only page */
  otherProducts: ["vpc.aliyuncs.com", "slb.aliyuncs.com", "ecs.aliyuncs.com"],
} as const;

/** The markers `code` contains. */
export const markersIn = (code: string, markers: readonly string[]) =>
  markers.filter((marker) => code.includes(marker));
