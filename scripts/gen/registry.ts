// The files that list the products, so that nothing hand-written has to:
//   products.ts       product key → service table and POP code (the proxy, the fake, tests)
//   products.meta.ts  product key → request shapes and example answers (the fake, at once)
//   index.ts          every product's client exports (src/index.ts re-exports it)
// index.ts only re-exports, and the package entry never imports products.ts, so a browser
// page that imports one client bundles that client's tables alone.
import type { Schema } from "../lib/schema.js";
import { type Product, type SpecDoc, sortedOperations } from "../lib/spec.js";
import { literal } from "./literal.js";
import { type Context, header, pascal } from "./names.js";
import type { ProductNames } from "./type-names.js";

const HEADER = header("spec/*.yaml");

const union = (specs: readonly SpecDoc[]) =>
  specs.map((spec) => JSON.stringify(spec.product)).join(" | ") || "never";

export function productsFile(specs: readonly SpecDoc[], context: Context): string {
  const imports = specs.map(
    ({ product }) => `import { ${product}Info } from "./${product}.service.js";`,
  );
  const entries = specs.map(
    ({ product, doc }) =>
      `  ${product}: { service: ${product}Info, code: ${JSON.stringify(doc["x-pop-code"])} },`,
  );
  return `${HEADER}import type { ServiceInfo } from "${context.src}/core/meta.js";
${imports.join("\n")}

/** A product's key: the name of its spec file, and the \`{product}\` of the proxy's paths. */
export type ProductKey = ${union(specs)};

/** What the runtime knows about one product. */
export interface ProductEntry {
  /** the service table its clients carry: version, endpoints, action facts */
  readonly service: ServiceInfo;
  /** the POP product code (\`x-pop-code\`), as error \`Recommend\` links name it */
  readonly code: string;
}

/** Every product, by key. Loads every service table: a client imports its own instead. */
export const PRODUCTS: { readonly [K in ProductKey]: ProductEntry } = {
${entries.join("\n")}
};
`;
}

/** The spec's example answer of each action that has one (`responses.200` JSON `example`). */
function answers(spec: SpecDoc): Record<string, unknown> | undefined {
  const out: Record<string, unknown> = {};
  for (const [action, op] of sortedOperations(spec)) {
    const example = (op.responses?.["200"]?.content?.["application/json"] as Schema | undefined)
      ?.example;
    if (example !== undefined) out[action] = example;
  }
  return Object.keys(out).length ? out : undefined;
}

export function productsMetaFile(specs: readonly SpecDoc[], context: Context): string {
  const imports = specs.map(
    ({ product }) => `import { ${product}Shapes } from "./${product}.meta.js";`,
  );
  const entries = specs.map((spec) => {
    const found = answers(spec);
    const answerText = found ? `, answers: ${literal(found, "  ")}` : "";
    return `  ${spec.product}: { shapes: ${spec.product}Shapes${answerText} },`;
  });
  return `${HEADER}import type { Shape } from "${context.src}/base/shape.js";
${imports.join("\n")}
import type { ProductKey } from "./products.js";

/** The full tables of one product, for code that needs them at once rather than on first use. */
export interface ProductTables {
  /** the request shape of every action */
  readonly shapes: { readonly [action: string]: Shape };
  /** the spec's example answers, by action, where it has them */
  readonly answers?: { readonly [action: string]: object };
}

/** Every product's full tables, by key. Loads every request shape: for the fake cloud and tests. */
export const PRODUCT_TABLES: { readonly [K in ProductKey]: ProductTables } = {
${entries.join("\n")}
};
`;
}

export function indexFile(
  specs: readonly SpecDoc[],
  names: ReadonlyMap<Product, ProductNames>,
): string {
  const blocks = specs.map(({ product, doc }) => {
    const Name = pascal(product);
    const own = names.get(product) as ProductNames;
    const client = [
      `create${Name}Client`,
      ...["Client", "Operations", "Pages", "Paths"].map((t) => `type ${Name}${t}`),
    ];
    // the namespace first: typedoc documents each type there, once, and not on the main page
    const flat = [...own.exported]
      .sort(([a], [b]) => (a < b ? -1 : 1))
      .map(([name, as]) => (name === as ? name : `${name} as ${as}`));
    return `export { ${client.join(", ")} } from "./${product}.client.js";
/**
 * The named types of ${doc.info?.title ?? Name} (\`spec/${product}.yaml\`): every action's
 * \`<Action>Input\` and \`<Action>Output\` and the objects inside them. Each is exported by
 * itself too, by the same name, or prefixed (\`${Name}Tag\`) when another product has a type
 * of that name.
 */
export type * as ${own.namespace} from "./${product}.types.js";
export type {
${flat.map((entry) => `  ${entry},`).join("\n")}
} from "./${product}.types.js";`;
  });
  return `${HEADER}// Every product's client and named types; src/index.ts re-exports this file.
${blocks.join("\n")}
`;
}
