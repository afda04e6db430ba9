// Build-time helpers over spec/*.yaml: which products there are, and each one loaded with
// its operations by action name. Used by the generator and the spec checker, never shipped.
import { readdirSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { parse } from "yaml";
import { deref, type Schema } from "./schema.js";

export { deref, type Schema } from "./schema.js";

export const root = join(dirname(fileURLToPath(import.meta.url)), "..", "..");
export const SPEC_DIR = join(root, "spec");

/** A product key: the name of its spec file, spec/<key>.yaml. */
export type Product = string;

/** Every product with a spec in `specDir`, sorted: adding a spec file adds the product. */
export function listProducts(specDir = SPEC_DIR): Product[] {
  return readdirSync(specDir)
    .filter((name) => name.endsWith(".yaml"))
    .map((name) => name.slice(0, -".yaml".length))
    .sort();
}

export const products: readonly Product[] = listProducts();

export interface SpecDoc {
  product: Product;
  doc: Schema;
  operations: Map<string, Schema>;
}

export function loadSpec(product: Product, specDir = SPEC_DIR): SpecDoc {
  const doc = parse(readFileSync(join(specDir, `${product}.yaml`), "utf8")) as Schema;
  // the file name is the key; a spec naming another one was copied and not finished
  if (doc["x-pop-product"] !== product) {
    throw new Error(`spec/${product}.yaml: x-pop-product is ${doc["x-pop-product"]}`);
  }
  const operations = new Map<string, Schema>();
  for (const [path, item] of Object.entries<Schema>(doc.paths ?? {})) {
    const op = item.post;
    if (!op) throw new Error(`${product}: ${path} has no post operation`);
    operations.set(op.operationId, op);
  }
  return { product, doc, operations };
}

/** The operations sorted by action name: the order of every generated table. */
export function sortedOperations(spec: SpecDoc): [string, Schema][] {
  return [...spec.operations].sort(([a], [b]) => (a < b ? -1 : 1));
}

export function requestSchema(spec: SpecDoc, op: Schema): Schema {
  return deref(spec.doc, op.requestBody?.content?.["application/json"]?.schema);
}

export function responseSchema(spec: SpecDoc, op: Schema): Schema {
  return deref(spec.doc, op.responses?.["200"]?.content?.["application/json"]?.schema);
}
