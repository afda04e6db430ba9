// Bundle measuring from the source, to see which source module costs what: esbuild bundles
// a page (minified, ESM, code splitting, platform browser; the package's name mapped to
// src/) and the metafile says which chunks the page loads: its entry chunk, the chunks
// those import statically, and the lazy chunks of the modules its mode imports on first
// use. The budgets are measured from the packed tarball instead (user-bundles.ts); the
// bench also uses this for the official SDK's page.
import { gzipSync } from "node:zlib";
import { build, type Message, type Metafile } from "esbuild";
import { ROOT } from "./paths.js";

/** One chunk the page loads. */
export interface LoadedChunk {
  file: string;
  /** `entry`: the page's own chunk; `static`: imported by a loaded chunk; `lazy`: a dynamic import the mode makes */
  kind: "entry" | "static" | "lazy";
  /** the module the chunk was split for (lazy chunks) */
  entryPoint?: string;
  minBytes: number;
  gzipBytes: number;
}

export interface BundleMeasure {
  page: string;
  chunks: LoadedChunk[];
  /** sum over the loaded chunks, each gzipped on its own (each is its own HTTP response) */
  minBytes: number;
  gzipBytes: number;
  /** minified bytes each source module contributes to the loaded chunks, largest first */
  modules: { path: string; bytes: number }[];
  /** modules that were split off behind a dynamic import and that this page never loads */
  notLoaded: string[];
  /** Node built-ins among the bundle's inputs (esbuild for browsers fails on them first) */
  nodeBuiltins: string[];
  /** the loaded code, to search for things that must not be there */
  code: string;
}

/** esbuild refused the page: usually a Node built-in a browser does not have. */
export class BundleError extends Error {
  readonly errors: string[];
  constructor(page: string, errors: Message[]) {
    const lines = errors.map(
      (e) => `${e.location ? `${e.location.file}:${e.location.line}: ` : ""}${e.text}`,
    );
    super(
      `esbuild could not bundle ${page} for the browser: ${lines.length} errors, first: ${lines[0]}`,
    );
    this.errors = lines;
  }
}

const NODE_BUILTIN =
  /^(node:|(assert|buffer|child_process|crypto|dns|events|fs|http|https|net|os|path|querystring|stream|tls|url|util|zlib)(\/|$))/;

/**
 * Bundles `page` (a path relative to the repository root) for the browser and measures
 * what it loads. `lazy` lists the modules (root-relative, e.g. `src/transport/proxy.ts`)
 * that the page's mode loads through dynamic imports; their chunks count too.
 */
export async function measureBundle(
  page: string,
  lazy: readonly string[] = [],
): Promise<BundleMeasure> {
  const result = await build({
    absWorkingDir: ROOT,
    entryPoints: [page],
    alias: { "alicloud-eci/browser": "./src/browser.ts", "alicloud-eci": "./src/index.ts" },
    bundle: true,
    minify: true,
    splitting: true,
    format: "esm",
    platform: "browser",
    target: "es2022",
    outdir: "bench/.out",
    write: false,
    metafile: true,
    logLevel: "silent",
  }).catch((error: { errors?: Message[] }) => {
    throw new BundleError(page, error.errors ?? []);
  });
  const meta = result.metafile as Metafile;
  const texts = new Map(result.outputFiles.map((f) => [relative(f.path), f.text]));
  const outputs = Object.entries(meta.outputs).filter(([file]) => file.endsWith(".js"));
  const entryFile = outputs.find(([, o]) => o.entryPoint === page)?.[0];
  if (!entryFile) throw new Error(`no output for ${page}`);

  const chunks = new Map<string, LoadedChunk>();
  const visit = (file: string, kind: LoadedChunk["kind"]) => {
    if (chunks.has(file)) return;
    const output = meta.outputs[file];
    if (!output) return;
    const code = texts.get(file) ?? "";
    chunks.set(file, {
      file,
      kind,
      ...(output.entryPoint ? { entryPoint: output.entryPoint } : {}),
      minBytes: Buffer.byteLength(code),
      gzipBytes: gzipSync(code, { level: 9 }).length,
    });
    for (const imported of output.imports) {
      if (imported.kind === "import-statement" && !imported.external)
        visit(imported.path, "static");
    }
  };
  visit(entryFile, "entry");
  for (const module of lazy) {
    const chunk = outputs.find(([, o]) => o.entryPoint === module)?.[0];
    if (chunk) visit(chunk, "lazy");
  }

  const modules = new Map<string, number>();
  for (const chunk of chunks.values()) {
    for (const [path, input] of Object.entries(meta.outputs[chunk.file]?.inputs ?? {})) {
      modules.set(path, (modules.get(path) ?? 0) + input.bytesInOutput);
    }
  }
  const list = [...chunks.values()];
  return {
    page,
    chunks: list,
    minBytes: list.reduce((sum, c) => sum + c.minBytes, 0),
    gzipBytes: list.reduce((sum, c) => sum + c.gzipBytes, 0),
    modules: [...modules]
      .map(([path, bytes]) => ({ path, bytes }))
      .filter((m) => m.bytes > 0)
      .sort((a, b) => b.bytes - a.bytes),
    notLoaded: outputs
      .filter(([file, o]) => !chunks.has(file) && o.entryPoint)
      .map(([, o]) => o.entryPoint as string),
    nodeBuiltins: Object.keys(meta.inputs).filter((path) => NODE_BUILTIN.test(path)),
    code: list.map((c) => texts.get(c.file) ?? "").join("\n"),
  };
}

/** Modules grouped by package (`@noble/hashes`, `openapi-fetch`) or source folder (`src/core`). */
export function byArea(modules: BundleMeasure["modules"]): { area: string; bytes: number }[] {
  const areas = new Map<string, number>();
  for (const { path, bytes } of modules) {
    const inPackage = path.match(/node_modules\/((?:@[^/]+\/)?[^/]+)/);
    const area = inPackage
      ? (inPackage[1] as string)
      : path.split("/").slice(0, -1).join("/") || path;
    areas.set(area, (areas.get(area) ?? 0) + bytes);
  }
  return [...areas].map(([area, bytes]) => ({ area, bytes })).sort((a, b) => b.bytes - a.bytes);
}

function relative(path: string): string {
  return path.startsWith(`${ROOT}/`) ? path.slice(ROOT.length + 1) : path;
}

/** The pages of the budgets and the modules each loads lazily, for a look at the source. */
export const PAGES = {
  proxy: {
    page: "bench/fixtures/proxy-page.ts",
    lazy: [],
  },
  sts: {
    page: "bench/fixtures/sts-page.ts",
    // what targetLoader (src/core/target.ts) imports for a signing client in a browser
    lazy: ["src/core/signed.ts", "generated/eci.meta.ts"],
  },
} as const;
