// Every `x-pop-example` in the specs (the @example of a client method) is valid input.
import { describe, expect, it } from "vitest";
import { eciService } from "../../generated/eci.meta.js";
import { ecsService } from "../../generated/ecs.meta.js";
import { slbService } from "../../generated/slb.meta.js";
import { vpcService } from "../../generated/vpc.meta.js";
import { loadSpec, products } from "../../scripts/lib/spec.js";
import { validate } from "../../src/core/validate.js";

const services = { eci: eciService, vpc: vpcService, ecs: ecsService, slb: slbService };

describe.each(products)("spec/%s.yaml examples", (product) => {
  const examples = [...loadSpec(product).operations].filter(([, op]) => op["x-pop-example"]);

  it.each(examples.map(([action, op]) => [action, op["x-pop-example"]]))(
    "%s",
    (action, example) => {
      const shape = services[product].actions[action as string]?.in;
      expect(shape).toBeDefined();
      expect(() => validate(action as string, shape as never, example)).not.toThrow();
    },
  );
});
