import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { defineConfig, devices } from "@playwright/test";
import { ownerState } from "./e2e/accounts-kit";
import { freePort } from "./scripts/lib/free-port.mjs";

// Workers load this file again: keep the first choice in the environment they inherit.
process.env.ORKA_E2E_DIR ||= fs.mkdtempSync(path.join(os.tmpdir(), "orka-e2e-"));
process.env.ORKA_E2E_PORT ||= String(await freePort());
process.env.ORKA_E2E_EMPTY_PORT ||= String(await freePort());
process.env.ORKA_E2E_FRESH_PORT ||= String(await freePort());
const folder = process.env.ORKA_E2E_DIR;
const e2eUrls = {
  /** Seeded with the built-in examples. */
  examples: `http://127.0.0.1:${process.env.ORKA_E2E_PORT}`,
  /** The default team only (ORKA_SEED_EXAMPLES=0). */
  empty: `http://127.0.0.1:${process.env.ORKA_E2E_EMPTY_PORT}`,
  /** Nobody has signed up: accounts.spec.ts is its first person. */
  fresh: `http://127.0.0.1:${process.env.ORKA_E2E_FRESH_PORT}`,
};
process.env.ORKA_E2E_URL = e2eUrls.examples;
process.env.ORKA_E2E_EMPTY_URL = e2eUrls.empty;
process.env.ORKA_E2E_FRESH_URL = e2eUrls.fresh;

/** `next start` of the existing production build on a fresh SQLite database, migrated and seeded first. */
function orkaServer(port: string, database: string, seedExamples: boolean) {
  return {
    command: "node scripts/start.mjs --no-build",
    url: `http://127.0.0.1:${port}/`,
    env: {
      DATABASE_URL: `file:${path.join(folder, database)}`,
      PORT: port,
      ORKA_SEED_EXAMPLES: seedExamples ? "1" : "0",
      ORKA_AUTH_SECRET: "e2e-auth-secret-0123456789-0123456789",
      ORKA_SECRETS_KEY: "ZTJlLXNlY3JldHMta2V5LTAxMjM0NTY3ODktMDEyMzQ=",
      // http steps in e2e/http-steps.spec.ts call a test server there; the rest of loopback stays refused.
      ORKA_HTTP_ALLOW: "127.0.0.2",
      NEXT_TELEMETRY_DISABLED: "1",
    },
    reuseExistingServer: false,
    timeout: 120_000,
    stdout: "ignore" as const,
    stderr: "pipe" as const,
    gracefulShutdown: { signal: "SIGTERM" as const, timeout: 5_000 },
  };
}

const debianChromium = "/usr/bin/chromium";

export default defineConfig({
  testDir: "e2e",
  globalTeardown: "./e2e/global-teardown.ts",
  timeout: 30_000,
  expect: { timeout: 10_000 },
  fullyParallel: true,
  forbidOnly: !!process.env.CI,
  retries: 0,
  reporter: [["list"]],
  use: { baseURL: e2eUrls.examples, trace: "retain-on-failure" },
  projects: [
    { name: "setup", testMatch: /auth\.setup\.ts/ },
    {
      name: "chromium",
      dependencies: ["setup"],
      use: {
        ...devices["Desktop Chrome"],
        storageState: ownerState("examples"),
        launchOptions: {
          executablePath: fs.existsSync(debianChromium) ? debianChromium : undefined,
          args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
        },
      },
    },
  ],
  webServer: [
    orkaServer(process.env.ORKA_E2E_PORT, "examples.db", true),
    orkaServer(process.env.ORKA_E2E_EMPTY_PORT, "empty.db", false),
    orkaServer(process.env.ORKA_E2E_FRESH_PORT, "fresh.db", false),
  ],
});
