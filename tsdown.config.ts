import { defineConfig } from "tsdown";

// ESM and CJS builds of every public entry, each with its own type declarations,
// plus the fake cloud's command line (ESM, keeps its shebang).
export default defineConfig([
  {
    entry: {
      index: "src/index.ts",
      proxy: "src/proxy.ts",
      credentials: "src/credentials.ts",
      metadata: "src/metadata.ts",
      node: "src/node.ts",
      testing: "src/testing/index.ts",
    },
    format: ["esm", "cjs"],
    platform: "neutral",
    target: "es2022",
    dts: true,
    clean: true,
    sourcemap: false,
    external: ["msw", /^node:/],
  },
  {
    entry: { "testing-cli": "src/testing/cli.ts" },
    format: ["esm"],
    platform: "node",
    target: "es2022",
    dts: false,
    clean: false,
    external: ["msw"],
  },
]);
