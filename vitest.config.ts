import { readdirSync, readFileSync } from "node:fs";
import { availableParallelism } from "node:os";
import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

const src = (path: string) => fileURLToPath(new URL(`./src/${path}`, import.meta.url));

/** Integration suites in real Chromium: one browser for the run (test/chromium.setup.ts). */
const BROWSER = ["test/browser/**/*.test.ts", "test/docs/reference.test.ts"];

/**
 * The other integration suites: they build and pack the package, bundle pages, run the
 * TypeScript compiler over everything, redocly and the generator, or the example programs.
 * Everything else under test/ is a unit test (`npm run test:unit`, a few seconds: the edit
 * loop). `npm test` runs all the projects in one `vitest run`.
 */
const INTEGRATION = [
  "test/docs/**/*.test.ts",
  "test/examples/**/*.test.ts",
  "test/package/**/*.test.ts",
  "test/typecheck/**/*.test.ts",
  "test/budgets/size.test.ts",
  "test/paginate/memory.test.ts",
  "test/spec/lint.test.ts",
  "test/spec/generated.test.ts",
];

/**
 * Unit test files that mock modules (`vi.mock`, `vi.doMock`): a mock only reaches modules
 * loaded after it, so these get fresh modules of their own instead of sharing a worker's.
 */
const MOCKING = (function find(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = `${dir}/${entry.name}`;
    if (entry.isDirectory()) return find(path);
    const mocks =
      entry.name.endsWith(".test.ts") && /\bvi\.(mock|doMock)\(/.test(readFileSync(path, "utf8"));
    return mocks ? [path] : [];
  });
})("test");

export default defineConfig({
  resolve: {
    // examples and docs import the package by name; tests run them against the source
    alias: [
      { find: /^alicloud-eci$/, replacement: src("index.ts") },
      { find: /^alicloud-eci\/(.*)$/, replacement: src("$1.ts") },
    ],
  },
  test: {
    // worker threads start faster than forked processes; every core runs a file (vitest's
    // default keeps one free, which on a 2-core machine means one file at a time)
    pool: "threads",
    maxWorkers: Math.max(2, availableParallelism()),
    testTimeout: 20_000,
    // every project: the machine's proxy variables do not reach the tests (loopback only)
    globalSetup: ["test/support/network.setup.ts"],
    projects: [
      {
        extends: true,
        test: {
          name: "unit",
          include: ["test/**/*.test.ts"],
          exclude: [...INTEGRATION, ...BROWSER, ...MOCKING],
          // the files of a worker share its loaded modules instead of each loading the SDK
          // again; the setup file undoes the timers, spies and variables a file leaves behind
          isolate: false,
          setupFiles: ["test/unit.setup.ts"],
          // tinyproxy and openssl for the network-proxy tests, installed when missing
          globalSetup: ["test/support/proxy-tools.setup.ts"],
        },
      },
      {
        extends: true,
        test: {
          name: "unit-isolated",
          include: MOCKING,
          exclude: [...INTEGRATION, ...BROWSER],
        },
      },
      {
        extends: true,
        test: {
          name: "integration",
          include: INTEGRATION,
          exclude: BROWSER,
        },
      },
      {
        extends: true,
        test: {
          name: "integration-browser",
          include: BROWSER,
          globalSetup: ["test/chromium.setup.ts"],
        },
      },
    ],
  },
});
