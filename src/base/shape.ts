/**
 * The facts about one input value that the runtime needs: its wire style and the
 * rules to validate it. `npm run generate` writes these tables from spec/*.yaml;
 * keys are short because every product's table ships in the bundle.
 */
export interface Shape {
  /** string, integer, number, boolean, object, array, map (free keys), union (anyOf) */
  readonly t: "s" | "i" | "n" | "b" | "o" | "a" | "m" | "u";
  /** object: known fields */
  readonly f?: { readonly [name: string]: Shape };
  /** object: required field names */
  readonly r?: readonly string[];
  /** object: `required` rules that apply when fields hold given values (JSON Schema if/then) */
  readonly c?: readonly {
    readonly when: { readonly [name: string]: readonly unknown[] };
    readonly r: readonly string[];
  }[];
  /** array items, map values */
  readonly i?: Shape;
  /** union branches: the value must satisfy one */
  readonly u?: readonly Shape[];
  /** allowed values */
  readonly e?: readonly (string | number | boolean)[];
  /** the string values are compared in any case (`tcp` is `TCP`) */
  readonly ci?: true;
  /** numeric range */
  readonly min?: number;
  readonly max?: number;
  /** string length */
  readonly minL?: number;
  readonly maxL?: number;
  /** string pattern (regular expression source) */
  readonly p?: string;
  /** array size */
  readonly minI?: number;
  readonly maxI?: number;
  /** travels as ONE parameter: JSON text, or comma-separated */
  readonly w?: "json" | "csv";
}
