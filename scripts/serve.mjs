// The production server: Next's request handler behind Node's own HTTP server, which hands the
// run-start doors (`POST /api/hooks/<token>`, `POST /api/v1/workflows/<id>/runs`) straight to the
// app's handlers, past Next's routing (server/http/node-front-door.ts). Everything else is Next's,
// as with `next start`.
//   node --max-old-space-size=1024 scripts/serve.mjs --hostname 127.0.0.1 --port 3000
// (`npm start` adds the Node flags of scripts/lib/server-node-flags.mjs: the heap cap keeps V8 from
// letting garbage grow to 4× the live heap before it collects.)
import http from "node:http";
import path from "node:path";
import { parseArgs } from "node:util";

// As `next start` does, before Next and React load: they pick their production builds from it.
process.env.NODE_ENV = "production";
// Next wraps the global `Date` to watch prerenders for clock reads; the engine's clock takes the
// original from here (engine/runtime/system-clock.ts) and skips that check on every timestamp.
globalThis[Symbol.for("orka.nativeDate")] = Date;
const { default: next } = await import("next");

const { values } = parseArgs({ options: { hostname: { type: "string", default: "0.0.0.0" }, port: { type: "string", default: "3000" } } });
const port = Number(values.port);
const app = next({ dev: false, dir: path.resolve(import.meta.dirname, ".."), hostname: values.hostname, port });
const handle = app.getRequestHandler();
await app.prepare();

const server = http.createServer((request, response) => {
  const serveRunStart = globalThis.orkaNodeFrontDoor?.handlerFor(request);
  if (serveRunStart) void serveRunStart(response);
  else void handle(request, response);
});
// Longer than a load balancer's idle timeout, as `next start` sets it.
server.keepAliveTimeout = 75_000;
server.listen(port, values.hostname, () => console.log(`orka: serving on http://${values.hostname}:${port}`));
process.once("SIGINT", () => process.exit(0));
process.once("SIGTERM", () => void shutDown());

/**
 * SIGTERM: stop accepting connections, then let the engine host finish or hand back its running
 * steps within ORKA_SHUTDOWN_MS and commit (instrumentation.ts's `orkaShutdown`), so another
 * process takes the runs over at once. Requests in flight meanwhile are answered; a stop that
 * overruns the deadline by 5 s exits anyway.
 */
async function shutDown() {
  const deadlineMs = shutdownMs();
  console.log(`orka: SIGTERM: shutting down (up to ${deadlineMs} ms for running steps)`);
  setTimeout(() => {
    console.error("orka: the shutdown overran its deadline; exiting");
    process.exit(1);
  }, deadlineMs + 5_000).unref();
  server.close();
  server.closeIdleConnections();
  try {
    await globalThis.orkaShutdown?.(deadlineMs);
  } catch (error) {
    console.error("orka: the engine did not shut down cleanly", error);
    process.exitCode = 1;
  }
  server.closeAllConnections();
  process.exit();
}

/** ORKA_SHUTDOWN_MS (`npm start` checked it before serving: server/engine-host/lease-env.ts); 10 s when unset. */
function shutdownMs() {
  const ms = Number(process.env.ORKA_SHUTDOWN_MS?.trim().replace(/_/g, "") || 10_000);
  return Number.isSafeInteger(ms) && ms >= 0 ? ms : 10_000;
}
