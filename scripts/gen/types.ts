// <product>.types.ts: a named, documented type for every input, output and component
// schema; <product>.ts: openapi-typescript's paths, components and operations over them.
// Both from one openapi-typescript run over the copy of the spec in types-spec.ts.
import openapiTS, { astToString, type OpenAPI3 } from "openapi-typescript";
import ts from "typescript";
import type { SpecDoc } from "../lib/spec.js";
import { declareSchemas } from "./declare.js";
import { specHeader } from "./names.js";
import { flatUnion, openType } from "./open-enums.js";
import { bodiesOf, type ProductNames } from "./type-names.js";
import { typesSpec } from "./types-spec.js";

export interface TypeFiles {
  /** <product>.ts */
  readonly types: string;
  /** <product>.types.ts */
  readonly named: string;
}

/** How <product>.ts refers to the declarations of <product>.types.ts. */
const QUALIFIER = "types";

export async function typeFiles(spec: SpecDoc, names: ProductNames): Promise<TypeFiles> {
  const ast = await openapiTS(typesSpec(spec, names) as OpenAPI3, {
    defaultNonNullable: false,
    alphabetize: false,
    transform: openType,
    postTransform: flatUnion,
    transformProperty: undefinedWhenOptional,
  });
  const { declarations, rest } = declareSchemas(ast, names.declared, QUALIFIER);
  const aliases = actionAliases(spec, names);
  return {
    types: `${specHeader(spec)}import type * as ${QUALIFIER} from "./${spec.product}.types.js";\n\n${print(rest)}`,
    named: `${specHeader(spec)}${print(declarations)}${aliases}`,
  };
}

/**
 * `Field?: T | undefined`: an optional field also takes `undefined`, which the runtime drops
 * as it drops a missing one, so `{ NextToken: token }` compiles under exactOptionalPropertyTypes.
 */
function undefinedWhenOptional(property: ts.PropertySignature): ts.PropertySignature {
  if (!property.questionToken || !property.type) return property;
  const { factory } = ts;
  const undefinedType = factory.createKeywordTypeNode(ts.SyntaxKind.UndefinedKeyword);
  const type = ts.isUnionTypeNode(property.type)
    ? factory.createUnionTypeNode([...property.type.types, undefinedType])
    : factory.createUnionTypeNode([property.type, undefinedType]);
  return factory.updatePropertySignature(
    property,
    property.modifiers,
    property.name,
    property.questionToken,
    type,
  );
}

// descriptions as the doc comments themselves (typedoc shows `@description` as a
// "Description" block under an empty summary); number formats say nothing in TypeScript
const print = (nodes: ts.Node[]) =>
  astToString(nodes)
    .replaceAll("@description ", "")
    .replace(/^\s*\* Format: \S+\n/gm, "");

/** `<Action>Input` / `<Action>Output` of the actions whose body others share: an alias of it. */
function actionAliases(spec: SpecDoc, names: ProductNames): string {
  const lines: string[] = [];
  for (const [action, body] of bodiesOf(spec)) {
    const own = names.actions.get(action) as { input: string; output: string };
    for (const [name, key, what] of [
      [own.input, body.request, "Input"],
      [own.output, body.response, "Output"],
    ] as const) {
      const target = names.declared.get(key) as string;
      if (target !== name)
        lines.push(
          `/** ${what} of \`${action}\`: {@link ${target}}. */`,
          `export type ${name} = ${target};`,
        );
    }
  }
  return lines.length ? `${lines.join("\n")}\n` : "";
}
