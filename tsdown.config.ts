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
      testing: "src/testing.ts",
    },
    format: ["esm", "cjs"],
    platform: "neutral",
    target: "es2022",
    dts: true,
    clean: true,
    sourcemap: false,
    deps: { neverBundle: ["msw", /^node:/] },
    // one shared runtime chunk: every entry needs the errors, clock and service tables, and
    // each extra file costs the main entry's import time (bench: cold start). The group names
    // roles, not files: every product's client and service table and the registry; rolldown
    // adds what they import statically (the call path), while lazy imports stay split off
    outputOptions: {
      // doc comments live in the .d.ts files; the JavaScript loads faster without them
      comments: false,
      codeSplitting: {
        groups: [{ name: "runtime", test: /generated[\\/](\w+\.(service|client)|products)\.ts$/ }],
      },
    },
  },
  {
    entry: { "testing-cli": "src/testing/cli.ts" },
    format: ["esm"],
    platform: "node",
    target: "es2022",
    dts: false,
    clean: false,
    deps: { neverBundle: ["msw"] },
  },
]);
