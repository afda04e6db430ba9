import { defineConfig } from "tsdown";

// ESM and CJS builds of every public entry, each with its own type declarations,
// plus the fake cloud's command line (ESM, keeps its shebang).
export default defineConfig([
  {
    entry: {
      index: "src/index.ts",
      browser: "src/browser.ts",
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
    // each extra file costs the main entry's import time (bench: cold start). The groups name
    // roles, not files; rolldown adds what they import statically, while lazy imports stay
    // split off. "runtime": every product's service table, the registry and the client core
    // (the call path, the proxy-mode target). "clients": the main entry's client factories
    // and the signing target (target.ts). Apart, because a page bundler cannot drop the
    // `import()`s of a chunk it uses, even from dead code: with target.ts in the runtime
    // chunk, a proxy page of alicloud-eci/browser would get the signer's chunks as split
    // points, and Vite would cut the page into four files (test/budgets/packed.test.ts)
    outputOptions: {
      // doc comments live in the .d.ts files; the JavaScript loads faster without them
      comments: false,
      codeSplitting: {
        groups: [
          {
            name: "runtime",
            test: /generated[\\/](\w+\.service|products)\.ts$|src[\\/]core[\\/](client|proxy-target)\.ts$/,
            priority: 2,
          },
          {
            name: "clients",
            test: /generated[\\/]\w+\.client\.ts$|src[\\/]core[\\/]service-client\.ts$/,
            priority: 1,
          },
          // what a client that signs loads on its first call, as one file: the signer with
          // WebCrypto, the request shapes' validator, static credentials. Small files each
          // cost a request and gzip less well; @noble/hashes stays split off (only pages
          // without WebCrypto load it) and so does the v1 signer
          {
            name: "signed",
            test: /src[\\/](core[\\/](signed|validate)|sign[\\/](v3|timestamp|encode|flatten|web-crypto)|transport[\\/](signing|signing-v3|signing-anonymous|request-signer)|credentials[\\/](seal|static|resolve))\.ts$/,
            priority: 1,
          },
        ],
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
