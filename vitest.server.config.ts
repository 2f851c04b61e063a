import path from "node:path";
import { defineConfig } from "vitest/config";

const root = import.meta.dirname;

/**
 * Attack tests against a real `next start` (`*.server.test.ts`, kit in server/testing/live-server/),
 * run after `next build` by `npm test`, or by `npm run test:server`. One file at a time: each
 * starts production servers, and every health answer within 1 s is what they assert.
 */
export default defineConfig({
  // The aliases of vitest.config.ts (imported, that file would need an extension Vite's native loader warns about).
  resolve: {
    alias: [
      { find: /^@\//, replacement: `${root}/` },
      { find: /^server-only$/, replacement: path.join(root, "node_modules/server-only/empty.js") },
    ],
  },
  test: {
    environment: "node",
    include: ["**/*.server.test.ts"],
    exclude: ["e2e/**", "**/node_modules/**", ".next/**"],
    pool: "forks",
    fileParallelism: false,
    testTimeout: 120_000,
    hookTimeout: 180_000,
  },
});
