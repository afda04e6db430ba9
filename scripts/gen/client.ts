// <product>.client.ts: the <Product>Client interface, one documented method per action,
// its page item types, and create<Product>Client.
import { nodeOf, type Schema } from "../lib/schema.js";
import { requestSchema, type SpecDoc, sortedOperations } from "../lib/spec.js";
import { Examples, requiredPaths } from "./examples.js";
import { type Context, camel, pascal, specHeader } from "./names.js";
import type { ProductNames } from "./type-names.js";

const tsdoc = (text: string) =>
  text
    .trim()
    .replace(/\*\//g, "*\\/")
    .split("\n")
    .map((line) => `   * ${line}`.trimEnd())
    .join("\n");

/** The method's doc comment: summary, description, idempotency, required fields, an example. */
function methodDoc(spec: SpecDoc, examples: Examples, action: string, op: Schema): string {
  const { doc, product } = spec;
  const request = requestSchema(spec, op);
  // RegionId: the client's own when the input leaves it out
  const required = requiredPaths(doc, request).filter((path) => path !== "RegionId");
  const region = request.properties?.RegionId ? " `RegionId` defaults to the client's region." : "";
  // an operation's own `x-pop-example` (a realistic input) wins over one built from the required fields
  const example = JSON.stringify(op["x-pop-example"] ?? examples.input(request), null, 2).replace(
    /"([A-Za-z_]\w*)":/g,
    "$1:",
  );
  return [
    op.summary ? `${op.summary}.`.replace(/\.\.$/, ".") : action,
    "",
    op.description ?? "",
    "",
    `Action \`${action}\` (${doc["x-pop-code"]} ${doc["x-pop-version"]}).` +
      (op["x-pop-client-token"]
        ? " Idempotent: a ClientToken is added and reused on retries."
        : ""),
    (required.length
      ? `Required: ${required.map((r) => `\`${r}\``).join(", ")}.`
      : "No parameter is required.") + region,
    "",
    "@example",
    "```ts",
    `const result = await ${product}.${camel(action)}(${example});`,
    "```",
  ].join("\n");
}

/** One entry of <Product>Pages: the element type of the `items` path in the answer. */
function pageEntry(action: string, page: Schema, item: string): string {
  return `  /** One item of \`${page.items}\` in the \`${action}\` answer. */\n  ${action}: ${item};`;
}

/** The type of one page item: its component's name, else the element type of the path. */
function pageItem(
  spec: SpecDoc,
  op: Schema,
  page: Schema,
  output: string,
  names: ProductNames,
): string {
  const parts = String(page.items).split(".");
  let raw = op.responses?.["200"]?.content?.["application/json"]?.schema as Schema | undefined;
  for (const part of parts) {
    const node = nodeOf(spec.doc, raw);
    raw = node.kind === "object" ? node.properties.find((p) => p.name === part)?.schema : undefined;
  }
  const list = nodeOf(spec.doc, raw);
  const ref = list.kind === "array" ? list.items.$ref : undefined;
  const named = ref && names.declared.get(String(ref).split("/").pop() as string);
  const path = parts.reduce((acc, part) => `NonNullable<${acc}["${part}"]>`, output);
  return named || `${path}[number]`;
}

export function clientFile(spec: SpecDoc, names: ProductNames, context: Context): string {
  const { doc, product } = spec;
  const Name = pascal(product);
  const title = doc.info?.title ?? Name;
  const version = doc["x-pop-version"];
  const examples = new Examples(doc);
  const operations = sortedOperations(spec);
  const used = new Set<string>(); // the names of <product>.types.ts this file imports
  const methods: string[] = [];
  const pages: string[] = [];
  for (const [action, op] of operations) {
    const { input, output } = names.actions.get(action) as { input: string; output: string };
    used.add(input).add(output);
    // with nothing required (RegionId is the client's), the input may be left out
    const required = requiredPaths(doc, requestSchema(spec, op));
    const optional = required.some((path) => path !== "RegionId" && !path.includes(".")) ? "" : "?";
    methods.push(
      `  /**\n${tsdoc(methodDoc(spec, examples, action, op))}\n   */\n  ${camel(action)}(input${optional}: ${input}, options?: CallOptions): Promise<${output}>;`,
    );
    const page = op["x-pop-pagination"] as Schema | undefined;
    if (!page) continue;
    const item = pageItem(spec, op, page, output, names);
    if (/^\w+$/.test(item)) used.add(item);
    pages.push(pageEntry(action, page, item));
  }
  const firstAction = operations[0]?.[0];
  return `${specHeader(spec)}import type { CallOptions, ClientBase, ClientOptions } from "${context.src}/core/client.js";
import { createServiceClient } from "${context.src}/core/service-client.js";
import { ${product}Info } from "./${product}.service.js";
import type { operations, paths } from "./${product}.js";
import type { ${[...used].sort().join(", ")} } from "./${product}.types.js";

/**
 * Every action of ${title} as openapi-typescript generates it from
 * \`spec/${product}.yaml\`, keyed by action name. Each action's input and output have a name
 * of their own (\`${firstAction}Input\`, in {@link ${Name}Types}); {@link Input} and
 * {@link Output} reach them through this map too: \`Input<${Name}Operations, "${firstAction}">\`.
 */
export type ${Name}Operations = operations;

/**
 * ${title} as openapi-typescript paths (\`"/Action": { post }\`): the type parameter of
 * \`${product}.raw\`, the openapi-fetch client.
 */
export type ${Name}Paths = paths;

/** Actions of ${Name} that can be paged, and the type of one item of each. */
export interface ${Name}Pages {
${pages.join("\n")}
}

/**
 * Typed client for ${title} (API ${version}).
 * One method per action; inputs and outputs use the API's own field names.
 */
export interface ${Name}Client extends ClientBase<paths, ${Name}Pages> {
${methods.join("\n\n")}
}

/**
 * Creates a typed client for ${title} (API ${version}).
 *
 * @example
 * \`\`\`ts
 * const ${product} = create${Name}Client({ regionId: "cn-hangzhou" });
 * \`\`\`
 */
export function create${Name}Client(options: ClientOptions): ${Name}Client {
  return createServiceClient(${product}Info, options) as unknown as ${Name}Client;
}
`;
}
