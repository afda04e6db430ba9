// Names and headers every generated file shares.
import type { SpecDoc } from "../lib/spec.js";
import { GENERATED } from "./emit.js";

/** What an output needs besides the spec: how its files reach src/ from the output folder. */
export interface Context {
  /** import path of src/ as seen from the output folder: `../src` for generated/ */
  readonly src: string;
}

export const pascal = (product: string) => product[0]?.toUpperCase() + product.slice(1);
export const camel = (action: string) => action[0]?.toLowerCase() + action.slice(1);

export const header = (source: string) => `${GENERATED} from ${source}. Do not edit.\n`;
export const specHeader = (spec: SpecDoc) => header(`spec/${spec.product}.yaml`);

/** The product's name for doc comments: the spec's title. */
export const titleOf = (spec: SpecDoc): string => spec.doc.info?.title ?? spec.product;
