import pino from "pino";
import type { Logger } from "../../engine/index";

/**
 * The server's structured log: one JSON object per line on stderr (pino), with `runId`/`stepId`
 * and similar fields where a message is about one. Values under keys that usually hold secrets
 * are replaced before they are written; step errors reach it only after secrets were redacted
 * from them (server/secrets/README.md).
 */
export function logOptions(): pino.LoggerOptions {
  return {
    base: { service: "orka", pid: process.pid },
    level: process.env.ORKA_LOG_LEVEL || "info",
    timestamp: pino.stdTimeFunctions.isoTime,
    redact: {
      paths: ["secret", "password", "token", "authorization", "cookie", "*.secret", "*.password", "*.token", "*.authorization", "*.cookie", "headers.*"],
      censor: "[redacted]",
    },
  };
}

function createLog() {
  return pino(logOptions(), pino.destination({ fd: 2, sync: true }));
}

// Next evaluates server modules several times: one log (one stderr stream) per process.
const globalForLog = globalThis as typeof globalThis & { orkaLog?: pino.Logger };

export function getLog(): pino.Logger {
  return (globalForLog.orkaLog ??= createLog());
}

/**
 * Fields for pino from a log call's `detail`: an error under `err` (pino serialises its stack), a
 * plain object's fields as they are (`{ runId, stepId, err }`), anything else under `detail`.
 */
function fieldsOf(detail: unknown): Record<string, unknown> {
  if (detail === undefined) return {};
  if (detail instanceof Error) return { err: detail };
  if (detail !== null && typeof detail === "object" && Object.getPrototypeOf(detail) === Object.prototype) return detail as Record<string, unknown>;
  return { detail };
}

/** The engine's `Logger` port over the server's log. */
export function engineLogger(log: pino.Logger = getLog()): Logger {
  return {
    info: (message, detail) => log.info(fieldsOf(detail), message),
    warn: (message, detail) => log.warn(fieldsOf(detail), message),
    error: (message, detail) => log.error(fieldsOf(detail), message),
  };
}
