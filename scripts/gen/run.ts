// One run of the generator: every spec in the spec folder → the output folder. Each output
// is its own function of the spec; none writes another file.
import { mkdirSync } from "node:fs";
import { join, relative, sep } from "node:path";
import { listProducts, loadSpec, root, SPEC_DIR } from "../lib/spec.js";
import { clientFile } from "./client.js";
import { createSink } from "./emit.js";
import type { Context } from "./names.js";
import { indexFile, productsFile, productsMetaFile } from "./registry.js";
import { serviceFile } from "./service.js";
import { shapesFile } from "./shapes.js";
import { typesFile } from "./types.js";
import { versionFile } from "./version.js";

export interface GenerateOptions {
  /** folder of the <product>.yaml specs (default spec/) */
  specDir?: string;
  /** folder to write (default generated/) */
  outDir?: string;
  /** compare with what is there instead of writing */
  check?: boolean;
}

/** Generates (or checks) every file; returns the names of the stale ones when checking. */
export async function generate(options: GenerateOptions = {}): Promise<string[]> {
  const specDir = options.specDir ?? SPEC_DIR;
  const outDir = options.outDir ?? join(root, "generated");
  const context: Context = { src: relative(outDir, join(root, "src")).split(sep).join("/") };
  mkdirSync(outDir, { recursive: true });
  const sink = createSink(outDir, options.check === true);
  const specs = listProducts(specDir).map((product) => loadSpec(product, specDir));
  for (const spec of specs) {
    const { product } = spec;
    sink.emit(`${product}.ts`, await typesFile(spec));
    sink.emit(`${product}.service.ts`, serviceFile(spec, context));
    sink.emit(`${product}.meta.ts`, shapesFile(spec, context));
    sink.emit(`${product}.client.ts`, clientFile(spec, context));
  }
  sink.emit("products.ts", productsFile(specs, context));
  sink.emit("products.meta.ts", productsMetaFile(specs, context));
  sink.emit("index.ts", indexFile(specs));
  sink.emit("version.ts", versionFile());
  return sink.finish();
}
