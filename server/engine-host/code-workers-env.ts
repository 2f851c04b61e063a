/** The most `ORKA_CODE_WORKERS` accepts: each worker may hold a few hundred MB at its limits. */
const MAX_CODE_WORKERS = 256;

/**
 * How many QuickJS worker threads run `code` steps, from `ORKA_CODE_WORKERS`: a whole number from
 * 1 to 256. Unset or empty, undefined: the engine's default (one per core, at least 2). Anything
 * else stops the start with the variable's name, rather than being ignored.
 *
 * @example
 * codeWorkersFromEnv({ ORKA_CODE_WORKERS: "4" }) // 4
 */
export function codeWorkersFromEnv(env: Record<string, string | undefined> = process.env): number | undefined {
  const text = env.ORKA_CODE_WORKERS?.trim() ?? "";
  if (text === "") return undefined;
  const workers = Number(text);
  if (!/^\d+$/.test(text) || workers < 1 || workers > MAX_CODE_WORKERS) {
    throw new Error(`ORKA_CODE_WORKERS: "${text}" is not a whole number from 1 to ${MAX_CODE_WORKERS}`);
  }
  return workers;
}
