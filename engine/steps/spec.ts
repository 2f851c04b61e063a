import type { z } from "zod";

/**
 * What the definition layer knows about a step type: its config schema and the branches it can
 * take. Isomorphic (zod only): the canvas palette and inspector are derived from these.
 */
export interface StepSpec<Config = Record<string, unknown>> {
  type: string;
  description: string;
  configSchema: z.ZodType<Config>;
  /** Branch labels the step produces, or `null` when its outgoing edges carry no branch. */
  branches(config: Config): string[] | null;
  /** Inline orka/v1 definitions inside the config (validated recursively), with their config path. */
  nestedDefinitions?(config: Config): { path: (string | number)[]; definition: unknown }[];
}

export function defineStep<Config>(spec: StepSpec<Config>): StepSpec<Config> {
  return spec;
}
