import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

const src = (path: string) => fileURLToPath(new URL(`./src/${path}`, import.meta.url));

export default defineConfig({
  resolve: {
    // examples and docs import the package by name; tests run them against the source
    alias: [
      { find: /^alicloud-eci$/, replacement: src("index.ts") },
      { find: /^alicloud-eci\/(.*)$/, replacement: src("$1.ts") },
    ],
  },
  test: {
    include: ["test/**/*.test.ts"],
    typecheck: { enabled: true, include: ["test/**/*.test-d.ts"], tsconfig: "tsconfig.json" },
    testTimeout: 20_000,
  },
});
