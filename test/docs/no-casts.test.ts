// The guides show typed code that needs no casts or non-null assertions on what the API
// returns: the fields it always returns are required in the types.
import { describe, expect, it } from "vitest";
import { codeBlocks, markdownFiles } from "./markdown.js";

const TS = new Set(["ts", "typescript", "tsx"]);
const blocks = markdownFiles()
  .flatMap(codeBlocks)
  .filter((b) => TS.has(b.lang) && !/\bnocheck\b/.test(b.meta));

/** `x as string`, `as number`, `as unknown as …`, and `value!.` / `value!)` assertions. */
const CASTS = /\bas (?:string|number|unknown)\b|[\w\])]!(?=[.,;)\]\s])/;

describe("the guides' code", () => {
  it("casts nothing the API returns", () => {
    const found = blocks.flatMap((block) =>
      block.code
        .split("\n")
        .map((line, i) => [line, i] as const)
        .filter(([line]) =>
          CASTS.test(line.replace(/\/\/.*$/, "").replace(/"[^"]*"|'[^']*'|`[^`]*`/g, '""')),
        )
        .map(([line, i]) => `${block.file}:${block.line + i}: ${line.trim()}`),
    );
    expect(found).toEqual([]);
    expect(blocks.length).toBeGreaterThan(60);
  });
});
