// openapi-typescript writes each component schema as a member of `components["schemas"]`
// and every use of it as `components["schemas"]["X"]`, so that a reader (or typedoc) sees
// every nested object spelt out in place. Here each member becomes a declaration of its
// own, `export type Container = {…}`, every use names it, and `components["schemas"]`
// maps each key to its declaration (what openapi-fetch and `Input`/`Output` read).
import ts from "typescript";

const { factory } = ts;

export interface Declared {
  /** `export type` for each component schema, uses by local name */
  readonly declarations: ts.Node[];
  /** openapi-typescript's own nodes, uses by `<qualifier>.Name` */
  readonly rest: ts.Node[];
}

/** `names`: component key → its declared name; `qualifier`: how `rest` reaches the declarations. */
export function declareSchemas(
  nodes: readonly ts.Node[],
  names: ReadonlyMap<string, string>,
  qualifier: string,
): Declared {
  const local = (key: string) => factory.createTypeReferenceNode(nameOf(names, key));
  const qualified = (key: string) =>
    factory.createTypeReferenceNode(
      factory.createQualifiedName(factory.createIdentifier(qualifier), nameOf(names, key)),
    );
  const declarations: ts.Node[] = [];
  const components = nodes.find(
    (n): n is ts.InterfaceDeclaration =>
      ts.isInterfaceDeclaration(n) && n.name.text === "components",
  );
  const schemas = components?.members.find(
    (m): m is ts.PropertySignature & { type: ts.TypeLiteralNode } =>
      ts.isPropertySignature(m) &&
      propertyName(m) === "schemas" &&
      !!m.type &&
      ts.isTypeLiteralNode(m.type),
  );
  for (const member of schemas?.type.members ?? []) {
    if (!ts.isPropertySignature(member) || !member.type) continue;
    const key = propertyName(member);
    const type = withRefs(member.type, local);
    // a type, not an interface: object types stay assignable to Record<string, unknown>
    const declaration = factory.createTypeAliasDeclaration(
      [factory.createModifier(ts.SyntaxKind.ExportKeyword)],
      nameOf(names, key),
      undefined,
      type,
    );
    ts.setSyntheticLeadingComments(declaration, ts.getSyntheticLeadingComments(member));
    declarations.push(declaration);
  }
  const rest = nodes.map((node) => {
    if (node !== components || !schemas) return withRefs(node, qualified);
    // components["schemas"]: each key → its declaration, without a second copy of its comment
    const entries = schemas.type.members.map((member) => {
      const key = ts.isPropertySignature(member) ? propertyName(member) : "";
      return factory.createPropertySignature(
        undefined,
        member.name as ts.PropertyName,
        undefined,
        qualified(key),
      );
    });
    const members = components.members.map((m) =>
      m === schemas
        ? factory.createPropertySignature(
            undefined,
            "schemas",
            undefined,
            factory.createTypeLiteralNode(entries),
          )
        : withRefs(m, qualified),
    );
    const updated = factory.updateInterfaceDeclaration(
      components,
      components.modifiers,
      components.name,
      components.typeParameters,
      components.heritageClauses,
      members,
    );
    return updated;
  });
  return { declarations, rest };
}

function nameOf(names: ReadonlyMap<string, string>, key: string): string {
  const name = names.get(key);
  if (!name) throw new Error(`no name for component ${key}`);
  return name;
}

function propertyName(member: ts.PropertySignature): string {
  const { name } = member;
  return ts.isIdentifier(name) || ts.isStringLiteral(name) ? name.text : "";
}

/** `node` with every `components["schemas"]["X"]` replaced by `to("X")`. */
function withRefs<T extends ts.Node>(node: T, to: (key: string) => ts.TypeNode): T {
  const visit = (n: ts.Node): ts.Node => {
    const key = schemaKey(n);
    return key === undefined ? ts.visitEachChild(n, visit, undefined) : to(key);
  };
  return ts.visitNode(node, visit) as T;
}

/** The `X` of `components["schemas"]["X"]`, for that node only. */
function schemaKey(node: ts.Node): string | undefined {
  if (!ts.isIndexedAccessTypeNode(node)) return undefined;
  const inner = node.objectType;
  if (!ts.isIndexedAccessTypeNode(inner) || literal(inner.indexType) !== "schemas")
    return undefined;
  const root = inner.objectType;
  if (!ts.isTypeReferenceNode(root) || !ts.isIdentifier(root.typeName)) return undefined;
  return root.typeName.text === "components" ? literal(node.indexType) : undefined;
}

function literal(node: ts.TypeNode): string | undefined {
  return ts.isLiteralTypeNode(node) && ts.isStringLiteral(node.literal)
    ? node.literal.text
    : undefined;
}
