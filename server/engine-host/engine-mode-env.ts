/**
 * Whether this web server runs an engine: `embedded` (default) executes runs in the server
 * process; `off` serves the UI and API and starts runs by committing them for `orka worker`
 * processes to claim, executing and recovering nothing itself.
 */
export type EngineMode = "embedded" | "off";

const engineModes: readonly EngineMode[] = ["embedded", "off"];

/** `ORKA_ENGINE`: unset or blank is `embedded`; anything but the two modes stops the start, naming the variable. */
export function engineModeFromEnv(env: Record<string, string | undefined> = process.env): EngineMode {
  const text = env.ORKA_ENGINE?.trim() ?? "";
  if (text === "") return "embedded";
  if (!(engineModes as readonly string[]).includes(text)) throw new Error(`ORKA_ENGINE: "${text}" is not one of ${engineModes.join(", ")}`);
  return text as EngineMode;
}

/** The longest a process takes to shut down on SIGTERM before it stops what is left (`ORKA_SHUTDOWN_MS`). */
export const defaultShutdownMs = 10_000;

/** `ORKA_SHUTDOWN_MS`: a whole number of milliseconds from 0 to 600,000; unset or blank is 10,000. */
export function shutdownMsFromEnv(env: Record<string, string | undefined> = process.env): number {
  const text = env.ORKA_SHUTDOWN_MS?.trim() ?? "";
  if (text === "") return defaultShutdownMs;
  const ms = Number(text);
  if (!/^\d+$/.test(text) || ms > 600_000) throw new Error(`ORKA_SHUTDOWN_MS: "${text}" is not a whole number of milliseconds from 0 to 600000`);
  return ms;
}
