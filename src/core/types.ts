// Type helpers over the operations openapi-typescript generates.

/** The JSON body of an operation: the action's input. */
export type Input<Ops, Action extends keyof Ops> = Ops[Action] extends {
  /** the operation's request body */
  requestBody?: {
    /** its media types */
    content: {
      /** the JSON body */
      "application/json": infer Body;
    };
  };
}
  ? Body
  : never;

/** The 200 answer of an operation: the action's output. */
export type Output<Ops, Action extends keyof Ops> = Ops[Action] extends {
  /** the operation's answers by HTTP status */
  responses: {
    /** the success answer */
    200: {
      /** its media types */
      content: {
        /** the JSON body */
        "application/json": infer Body;
      };
    };
  };
}
  ? Body
  : never;
