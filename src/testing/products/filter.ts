// The resource kit's filter: Describe actions take optional inputs, and a record matches when
// every given one agrees with it. Records keep the API's field names, so most inputs compare
// with the field of the same name.
import { hasTags, listOf } from "./context.js";

/** How one input is matched: a record field of another name, or a test of the wanted value. */
// biome-ignore lint/suspicious/noExplicitAny: inputs of any action
export type Rule<R, V = any> = (keyof R & string) | ((record: R, wanted: V) => boolean);

/**
 * The test of `input`'s filters: each of `same` against the record field of that name, each of
 * `rules` as it says. An input left out (undefined) matches everything.
 */
export function where<R, I extends object>(
  input: I,
  same: readonly (keyof I & keyof R & string)[],
  rules: { [P in keyof I]?: Rule<R, NonNullable<I[P]>> } = {},
): (record: R) => boolean {
  const given = (key: string) => (input as Record<string, unknown>)[key];
  return (record) =>
    same.every((key) => given(key) === undefined || record[key] === given(key)) &&
    Object.entries(rules).every(([key, rule]) => {
      const wanted = given(key);
      if (wanted === undefined) return true;
      if (typeof rule === "function") return rule(record, wanted);
      return (record as Record<string, unknown>)[rule as string] === wanted;
    });
}

/** An id list input (csv or list): an empty one matches everything. */
export const oneOf =
  <R>(key: keyof R & string) =>
  (record: R, wanted: string | string[]): boolean => {
    const list = listOf(wanted);
    return list.length === 0 || list.includes(String(record[key]));
  };

/** The `Tag` input: the record carries every wanted tag. */
export const tagged = (record: { tags: { Key: string; Value: string }[] }, wanted: unknown) =>
  hasTags(record.tags, wanted as { Key?: string; Value?: string }[]);
