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
