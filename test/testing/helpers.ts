// Shared set-up for the fake cloud's tests: a fake, the four SDK clients pointed at it,
// error assertions, and a checker that holds answers to the response schemas in spec/.
import { expect } from "vitest";
import {
  deref,
  loadSpec,
  type Product,
  responseSchema,
  type Schema,
  type SpecDoc,
} from "../../scripts/lib/spec.js";
import {
  type ClientOptions,
  createEciClient,
  createEcsClient,
  createSlbClient,
  createVpcClient,
  PopError,
} from "../../src/index.js";
import { createFakeCloud, type FakeCloudOptions } from "../../src/testing/index.js";

/** A fake plus the four product clients talking to it in process (retries off unless asked). */
export function setup(
  options: FakeCloudOptions = {},
  clientOptions: Partial<ClientOptions> = { retry: false },
) {
  const fake = createFakeCloud(options);
  const common = { regionId: "cn-hangzhou", ...fake.clientOptions(), ...clientOptions };
  return {
    fake,
    eci: createEciClient(common),
    vpc: createVpcClient(common),
    ecs: createEcsClient(common),
    slb: createSlbClient(common),
  };
}

/** Awaits a failing call and checks the POP error it raised. */
export async function expectPopError(
  call: Promise<unknown>,
  code: string,
  statusCode?: number,
): Promise<PopError> {
  const error = await call.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error, `expected ${code}`).toBeInstanceOf(PopError);
  const pop = error as PopError;
  expect(pop.code).toBe(code);
  if (statusCode !== undefined) expect(pop.statusCode).toBe(statusCode);
  expect(pop.requestId).toMatch(/^[0-9A-F]{8}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{12}$/);
  return pop;
}

const specs = new Map<Product, SpecDoc>();

/** Every way `body` departs from the action's response schema: unknown fields, wrong types, values outside an enum. */
export function shapeProblems(product: Product, action: string, body: unknown): string[] {
  const spec = specs.get(product) ?? loadSpec(product);
  specs.set(product, spec);
  const op = spec.operations.get(action);
  if (!op) return [`${product} has no action ${action}`];
  const problems: string[] = [];
  check(spec.doc, responseSchema(spec, op), body, action, problems);
  return problems;
}

function typeOf(value: unknown): string {
  if (Array.isArray(value)) return "array";
  if (value === null) return "null";
  if (typeof value === "number") return Number.isInteger(value) ? "integer" : "number";
  return typeof value;
}

function check(doc: Schema, raw: Schema, value: unknown, path: string, problems: string[]): void {
  const s = deref(doc, raw);
  const branches = (s.anyOf ?? s.oneOf) as Schema[] | undefined;
  if (branches) {
    const fits = branches.some((b) => {
      const trial: string[] = [];
      check(doc, b, value, path, trial);
      return trial.length === 0;
    });
    if (!fits) problems.push(`${path}: fits no branch`);
    return;
  }
  const types = ([] as string[]).concat(s.type ?? (s.properties ? "object" : []));
  const actual = typeOf(value);
  if (
    types.length &&
    !types.includes(actual) &&
    !(actual === "integer" && types.includes("number"))
  ) {
    problems.push(`${path}: ${actual} where the spec says ${types.join("|")}`);
    return;
  }
  if (s.enum && !s.enum.includes(value))
    problems.push(`${path}: ${JSON.stringify(value)} is not one of ${s.enum.join(", ")}`);
  if (actual === "array") {
    for (const [i, item] of (value as unknown[]).entries())
      check(doc, s.items ?? {}, item, `${path}[${i}]`, problems);
  } else if (actual === "object") {
    // what the spec calls always returned, the fake must return (the types promise it)
    for (const name of (s.required as string[] | undefined) ?? [])
      if (!Object.hasOwn(value as object, name))
        problems.push(`${path}.${name}: required, missing`);
    for (const [key, item] of Object.entries(value as Record<string, unknown>)) {
      const child =
        s.properties?.[key] ??
        (typeof s.additionalProperties === "object" ? s.additionalProperties : undefined);
      if (child) check(doc, child, item, `${path}.${key}`, problems);
      else if (!s.additionalProperties) problems.push(`${path}.${key}: not in the spec`);
    }
  }
}

/** Asserts an answer follows the spec's response schema and carries a RequestId. */
export function expectShape(product: Product, action: string, body: unknown): void {
  expect(shapeProblems(product, action, body)).toEqual([]);
  expect((body as { RequestId?: string }).RequestId).toMatch(/^[0-9A-F-]{36}$/);
}
