import fs from "node:fs";
import path from "node:path";
import { latin1ServerChunks } from "./scripts/lib/latin1-server-chunks.mjs";

/**
 * Bundled, QuickJS and its WebAssembly variant packages add ~6 MB to the server bundle;
 * Next already keeps better-sqlite3 and pg external, listed here so the intent is explicit.
 */
const jitlFolder = path.join(import.meta.dirname, "node_modules/@jitl");
const quickjsVariants = fs.existsSync(jitlFolder) ? fs.readdirSync(jitlFolder).map((name) => `@jitl/${name}`) : [];

/** @type {import("next").NextConfig} */
const nextConfig = {
  reactStrictMode: true,
  typedRoutes: false,
  poweredByHeader: false,
  // `npm test` type-checks the whole project with `tsc --noEmit`; checking again here would double
  // the build time and let a half-finished module elsewhere stop `npm start`.
  typescript: { ignoreBuildErrors: true },
  serverExternalPackages: ["quickjs-emscripten", ...quickjsVariants, "better-sqlite3", "pg", "prom-client", "pino", "@opentelemetry/sdk-trace-base", "@opentelemetry/exporter-trace-otlp-http"],
  compiler: {
    // The server's chunks with Latin-1 source only: V8 holds the source of every loaded chunk, at
    // two bytes a character once a single character is beyond Latin-1 (scripts/lib/latin1-server-chunks.mjs).
    runAfterProductionCompile: async ({ distDir }) => {
      latin1ServerChunks(distDir);
    },
  },
  experimental: {
    // Read by `next start` too. Next loads every route on start (a second or more of compiling on
    // the main thread); ORKA_PRELOAD_ROUTES=0 loads each on first use instead, which the attack
    // tests set so that start-up work never runs during an attack (docs/testing.md).
    preloadEntriesOnStart: process.env.ORKA_PRELOAD_ROUTES !== "0",
  },
};

export default nextConfig;
