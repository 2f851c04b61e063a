import path from "node:path";
import { defineConfig } from "vitest/config";

const root = import.meta.dirname;

export default defineConfig({
  resolve: {
    alias: [
      { find: /^@\//, replacement: `${root}/` },
      // Outside Next's react-server build `server-only` throws on import; tests are server code.
      { find: /^server-only$/, replacement: path.join(root, "node_modules/server-only/empty.js") },
    ],
  },
  test: {
    environment: "node",
    include: ["**/*.test.ts"],
    // `*.server.test.ts` need the production build: vitest.server.config.ts runs them after it.
    exclude: ["e2e/**", "**/node_modules/**", ".next/**", "**/*.server.test.ts"],
    pool: "forks",
    globalSetup: ["scripts/lib/vitest-global-setup.mjs"],
    testTimeout: 30_000,
  },
});
