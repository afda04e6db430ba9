import { defineConfig } from "tsdown";

// ESM and CJS builds of every public entry, each with its own type declarations.
export default defineConfig({
  entry: {
    index: "src/index.ts",
    proxy: "src/proxy.ts",
    metadata: "src/metadata.ts",
    node: "src/node.ts",
  },
  format: ["esm", "cjs"],
  platform: "neutral",
  target: "es2022",
  dts: true,
  clean: true,
  sourcemap: false,
});
