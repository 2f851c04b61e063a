/** Where the engine reports; the CLI writes to stderr, the server to its log. Never to stdout. */
export interface Logger {
  info(message: string, detail?: unknown): void;
  warn(message: string, detail?: unknown): void;
  error(message: string, detail?: unknown): void;
}

export const stderrLogger: Logger = {
  info: (message) => process.stderr.write(`[orka] ${message}\n`),
  warn: (message, detail) => process.stderr.write(`[orka] warning: ${message}${detail ? ` ${String(detail)}` : ""}\n`),
  error: (message, detail) => process.stderr.write(`[orka] error: ${message}${detail ? ` ${String((detail as Error)?.stack ?? detail)}` : ""}\n`),
};

export const silentLogger: Logger = { info() {}, warn() {}, error() {} };
