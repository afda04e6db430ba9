// Type helpers over the operations openapi-typescript generates.

/** The JSON body of an operation: the action's input. */
export type Input<Ops, Action extends keyof Ops> = Ops[Action] extends {
  requestBody?: { content: { "application/json": infer Body } };
}
  ? Body
  : never;

/** The 200 answer of an operation: the action's output. */
export type Output<Ops, Action extends keyof Ops> = Ops[Action] extends {
  responses: { 200: { content: { "application/json": infer Body } } };
}
  ? Body
  : never;
