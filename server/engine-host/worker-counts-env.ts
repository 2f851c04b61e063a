/** The most worker processes or threads one setting accepts: each may hold a few hundred MB at its limits. */
const MAX_WORKERS = 256;

/**
 * A worker count from the environment: a whole number from 1 to 256. Unset or empty, undefined
 * (the engine's default). Anything else stops the start with the variable's name, rather than
 * being ignored.
 *
 * @example
 * workerCountFromEnv("ORKA_CODE_WORKERS", { ORKA_CODE_WORKERS: "4" }) // 4
 */
export function workerCountFromEnv(name: string, env: Record<string, string | undefined> = process.env): number | undefined {
  const text = env[name]?.trim() ?? "";
  if (text === "") return undefined;
  const workers = Number(text);
  if (!/^\d+$/.test(text) || workers < 1 || workers > MAX_WORKERS) {
    throw new Error(`${name}: "${text}" is not a whole number from 1 to ${MAX_WORKERS}`);
  }
  return workers;
}

/** The engine's worker counts, as the server and the CLI read them: `code` step threads and expression evaluator processes. */
export function workerCountsFromEnv(env: Record<string, string | undefined> = process.env) {
  return {
    codeWorkers: workerCountFromEnv("ORKA_CODE_WORKERS", env),
    expressionWorkers: workerCountFromEnv("ORKA_EXPRESSION_WORKERS", env),
  };
}
