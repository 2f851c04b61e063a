// typescript-eslint's recommended rules everywhere, React's hook rules where React runs, and the
// dependency direction of docs/architecture.md (engine/ imports nothing of the app, the server,
// React, Next or Prisma; components/ reach the engine only through its isomorphic definition).
// engine/import-guard.test.ts checks the direction from the other side.
import reactHooks from "eslint-plugin-react-hooks";
import { defineConfig } from "eslint/config";
import tseslint from "typescript-eslint";

const outsideEngine = ["**/app/**", "**/components/**", "**/server/**", "**/prisma/**", "**/bin/**", "@/*"];
const frameworks = ["react", "react-dom", "react/*", "next", "next/*", "@prisma/*", "server-only"];

export default defineConfig([
  { ignores: ["node_modules/**", ".next/**", "prisma/generated/**", "engine/sandbox/generated/**", "generated/**", "bin/dist/**", "data/**", "tmp/**", "test-results/**", "playwright-report/**"] },
  { files: ["**/*.{ts,tsx,mts}"], extends: [tseslint.configs.recommended] },
  {
    files: ["**/*.{ts,tsx,mts}"],
    rules: {
      // A leading underscore marks a value left unused on purpose (a rest sibling, a callback's position).
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_", caughtErrorsIgnorePattern: "^_", ignoreRestSiblings: true }],
    },
  },
  { files: ["app/**/*.{ts,tsx}", "components/**/*.{ts,tsx}"], extends: [reactHooks.configs.flat["recommended-latest"]] },
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
    rules: {
      // The type-aware variant lets `import type { AppRouter }` through: types vanish from the bundle.
      "@typescript-eslint/no-restricted-imports": [
        "error",
        {
          // The engine's entry is a name of its own: a pattern excluding it would exclude engine/definition with it.
          paths: [{ name: "@/engine", message: "components may use only the isomorphic engine/definition." }],
          patterns: [
            { group: ["@/server", "@/server/*", "**/server/**"], allowTypeImports: true, message: "components run in the browser: talk to the server through tRPC." },
            {
              group: ["@/engine/*", "!@/engine/definition", "!@/engine/definition/*", "**/engine/index", "**/engine/runtime/**", "**/engine/sandbox/**", "**/engine/expressions/**"],
              message: "components may use only the isomorphic engine/definition.",
            },
          ],
        },
      ],
    },
  },
]);
