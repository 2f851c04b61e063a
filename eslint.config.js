// Lint enforces the dependency direction of docs/architecture.md (engine/ imports nothing of the app, the
// server, React, Next or Prisma; components/ reach the engine only through its isomorphic
// definition). engine/import-guard.test.ts checks the same from the other side.
import { defineConfig } from "eslint/config";
import tseslint from "typescript-eslint";

const outsideEngine = ["**/app/**", "**/components/**", "**/server/**", "**/prisma/**", "**/bin/**", "@/*"];
const frameworks = ["react", "react-dom", "react/*", "next", "next/*", "@prisma/*", "server-only"];

export default defineConfig([
  { ignores: ["node_modules/**", ".next/**", "prisma/generated/**", "engine/sandbox/generated/**", "generated/**", "bin/dist/**", "data/**", "tmp/**", "test-results/**", "playwright-report/**"] },
  { files: ["**/*.{ts,tsx,mts}"], languageOptions: { parser: tseslint.parser } },
  {
    files: ["engine/**/*.ts"],
    // Database tests wire in a store adapter from server/ on purpose (real database, no mocks).
    ignores: ["engine/**/*.db.test.ts"],
    rules: {
      "no-restricted-imports": [
        "error",
        { patterns: [{ group: [...outsideEngine, ...frameworks], message: "engine/ is the framework-free core: see docs/architecture.md." }] },
      ],
    },
  },
  {
    files: ["components/**/*.{ts,tsx}"],
    plugins: { "@typescript-eslint": tseslint.plugin },
    rules: {
      // The type-aware variant lets `import type { AppRouter }` through: types vanish from the bundle.
      "@typescript-eslint/no-restricted-imports": [
        "error",
        {
          patterns: [
            { group: ["@/server/*", "**/server/**"], allowTypeImports: true, message: "components run in the browser: talk to the server through tRPC." },
            {
              group: ["@/engine/*", "!@/engine/definition", "!@/engine/definition/*", "**/engine/runtime/**", "**/engine/sandbox/**"],
              message: "components may use only the isomorphic engine/definition.",
            },
          ],
        },
      ],
    },
  },
]);
