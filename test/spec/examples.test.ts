// Every `x-pop-example` in the specs (the @example of a client method) is valid input.
import { describe, expect, it } from "vitest";
import type { ProductKey } from "../../generated/products.js";
import { PRODUCT_TABLES } from "../../generated/products.meta.js";
import { loadSpec, products } from "../../scripts/lib/spec.js";
import { validate } from "../../src/core/validate.js";

describe.each(products)("spec/%s.yaml examples", (product) => {
  const examples = [...loadSpec(product).operations].filter(([, op]) => op["x-pop-example"]);
  const shapes = PRODUCT_TABLES[product as ProductKey].shapes;

  it.each(examples.map(([action, op]) => [action, op["x-pop-example"]]))(
    "%s",
    (action, example) => {
      const shape = shapes[action as string];
      expect(shape).toBeDefined();
      expect(() => validate(action as string, shape as never, example)).not.toThrow();
    },
  );
});
