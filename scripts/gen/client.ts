// <product>.client.ts: the <Product>Client interface, one documented method per action,
// its page item types, and create<Product>Client.
import type { Schema } from "../lib/schema.js";
import { requestSchema, type SpecDoc, sortedOperations } from "../lib/spec.js";
import { Examples, requiredPaths } from "./examples.js";
import { type Context, camel, pascal, specHeader } from "./names.js";

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
  const required = requiredPaths(doc, request);
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
    required.length
      ? `Required: ${required.map((r) => `\`${r}\``).join(", ")}.`
      : "No parameter is required.",
    "",
    "@example",
    "```ts",
    `const result = await ${product}.${camel(action)}(${example});`,
    "```",
  ].join("\n");
}

/** The type of one page item: the element type of the `items` path in the answer. */
function pageItem(action: string, op: Schema): string | undefined {
  const page = op["x-pop-pagination"] as Schema | undefined;
  if (!page) return undefined;
  const path = String(page.items)
    .split(".")
    .reduce((acc, part) => `NonNullable<${acc}>["${part}"]`, `Output<operations, "${action}">`);
  return `  /** One item of \`${page.items}\` in the \`${action}\` answer. */\n  ${action}: NonNullable<${path}>[number];`;
}

export function clientFile(spec: SpecDoc, context: Context): string {
  const { doc, product } = spec;
  const Name = pascal(product);
  const title = doc.info?.title ?? Name;
  const version = doc["x-pop-version"];
  const examples = new Examples(doc);
  const operations = sortedOperations(spec);
  const methods = operations.map(
    ([action, op]) =>
      `  /**\n${tsdoc(methodDoc(spec, examples, action, op))}\n   */\n  ${camel(action)}(input: Input<operations, "${action}">, options?: CallOptions): Promise<Output<operations, "${action}">>;`,
  );
  const pages = operations.flatMap(([action, op]) => pageItem(action, op) ?? []);
  const firstAction = operations[0]?.[0];
  return `${specHeader(spec)}import { type CallOptions, type ClientBase, type ClientOptions, createServiceClient } from "${context.src}/core/client.js";
import type { Input, Output } from "${context.src}/core/types.js";
import { ${product}Info } from "./${product}.service.js";
import type { operations, paths } from "./${product}.js";

/**
 * Every action of ${title} as openapi-typescript generates it from
 * \`spec/${product}.yaml\`, keyed by action name. Name one action's input or output with
 * {@link Input} and {@link Output}: \`Input<${Name}Operations, "${firstAction}">\`.
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
