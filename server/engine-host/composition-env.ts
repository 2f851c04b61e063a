import { limits } from "../../engine/index";

export interface CompositionLimitsFromEnv {
  maxNestingDepth: number;
  maxRunsPerTree: number;
}

/**
 * How far sub-workflows and maps may compose, from `ORKA_MAX_NESTING_DEPTH` (levels below a
 * top-level run, default 10) and `ORKA_MAX_RUNS_PER_TREE` (runs in one tree, default 50,000).
 * A value that is not a whole number of at least 1 stops the start with its name.
 *
 * @example
 * compositionLimitsFromEnv({ ORKA_MAX_NESTING_DEPTH: "4" }) // { maxNestingDepth: 4, maxRunsPerTree: 50000 }
 */
export function compositionLimitsFromEnv(env: Record<string, string | undefined> = process.env): CompositionLimitsFromEnv {
  return {
    maxNestingDepth: wholeNumber(env, "ORKA_MAX_NESTING_DEPTH", limits.nestingDepth),
    maxRunsPerTree: wholeNumber(env, "ORKA_MAX_RUNS_PER_TREE", limits.runsPerTree),
  };
}

function wholeNumber(env: Record<string, string | undefined>, name: string, fallback: number): number {
  const text = env[name]?.trim().replace(/_/g, "");
  if (!text) return fallback;
  const value = Number(text);
  if (!/^\d+$/.test(text) || !Number.isSafeInteger(value) || value < 1) throw new Error(`${name}: "${env[name]}" is not a whole number of at least 1`);
  return value;
}
