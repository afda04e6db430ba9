// Every `x-pop-example` in the specs (the @example of a client method) is valid input.
import { describe, expect, it } from "vitest";
import { eciInfo } from "../../generated/eci.service.js";
import { ecsInfo } from "../../generated/ecs.service.js";
import { slbInfo } from "../../generated/slb.service.js";
import { vpcInfo } from "../../generated/vpc.service.js";
import { loadSpec, products } from "../../scripts/lib/spec.js";
import { validate } from "../../src/core/validate.js";

const eciService = await eciInfo.load();
const ecsService = await ecsInfo.load();
const slbService = await slbInfo.load();
const vpcService = await vpcInfo.load();

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
