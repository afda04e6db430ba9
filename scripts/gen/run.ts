// One run of the generator: every spec in the spec folder → the output folder. Each output
// is its own function of the spec; none writes another file.
import { mkdirSync } from "node:fs";
import { join, relative, sep } from "node:path";
import { listProducts, loadSpec, root, SPEC_DIR } from "../lib/spec.js";
import { clientFile } from "./client.js";
import { createSink } from "./emit.js";
import { entryNames } from "./entry-names.js";
import type { Context } from "./names.js";
import { regionsFile } from "./regions.js";
import { indexFile, productsFile, productsMetaFile } from "./registry.js";
import { serviceFile } from "./service.js";
import { shapesFile } from "./shapes.js";
import { type ProductNames, typeNames } from "./type-names.js";
import { typeFiles } from "./types.js";
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
  const names = typeNames(specs, entryNames()); // together: the main entry exports them all
  for (const spec of specs) {
    const { product } = spec;
    const own = names.get(product) as ProductNames;
    const types = await typeFiles(spec, own);
    sink.emit(`${product}.ts`, types.types);
    sink.emit(`${product}.types.ts`, types.named);
    sink.emit(`${product}.service.ts`, serviceFile(spec, context));
    sink.emit(`${product}.meta.ts`, shapesFile(spec, context));
    sink.emit(`${product}.client.ts`, clientFile(spec, own, context));
  }
  sink.emit("products.ts", productsFile(specs, context));
  sink.emit("products.meta.ts", productsMetaFile(specs, context));
  sink.emit("index.ts", indexFile(specs, names));
  sink.emit("version.ts", versionFile());
  sink.emit("regions.ts", regionsFile(specs));
  return sink.finish();
}
