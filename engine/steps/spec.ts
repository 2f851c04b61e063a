import type { z } from "zod";

/** Accent colours of step types as plain tokens; the canvas maps each to its own classes. */
export const stepAccents = ["slate", "violet", "amber", "orange", "sky", "teal", "emerald", "indigo", "fuchsia", "rose", "stone"] as const;
export type StepAccent = (typeof stepAccents)[number];

/** The palette's groups, in palette order. */
export const paletteGroups = ["Actions", "Logic", "Flow"] as const;
export type PaletteGroup = (typeof paletteGroups)[number];

/** How the canvas shows a step type. */
export interface StepLook {
  label: string;
  /** One short glyph drawn in the node's badge; decorative (the label names the type). */
  glyph: string;
  accent: StepAccent;
  group: PaletteGroup;
}

/**
 * What the definition layer and the canvas know about a step type: its config schema, the branches
 * it can take and how it looks. Isomorphic (zod only): the browser bundles every spec, so a spec
 * never imports its handler (`run.ts`).
 */
export interface StepSpec<Type extends string = string, Config = unknown> {
  type: Type;
  /** Help text: what the step does, in a sentence (palette tooltip, inspector header). */
  description: string;
  canvas: StepLook;
  configSchema: z.ZodType<Config>;
  /** Branch labels the step produces, or `null` when its outgoing edges carry no branch. */
  branches(config: Config): string[] | null;
  /** Inline orka/v1 definitions inside the config (validated recursively), with their config path. */
  nestedDefinitions?(config: Config): { path: (string | number)[]; definition: unknown }[];
  /** Saved workflows the config names (`subworkflow`, `map`), with their config path. */
  workflowReferences?(config: Config): { path: (string | number)[]; reference: string }[];
  /**
   * Its config's expression and template fields may read `$secrets.NAME`, resolved when the step
   * runs; the handler must redact the values from all it returns or throws. No other step sees one.
   */
  readsSecrets?: true;
  /**
   * It calls an outside target it names when it runs (`http`: the URL's host) through
   * `ctx.breaker(target)`, so it has a circuit breaker by default; other steps need `breaker.key`.
   */
  breakerByDefault?: true;
}

/**
 * @example
 * export const noopSpec = defineStep({
 *   type: "noop",
 *   description: "Passes.",
 *   canvas: { label: "No-op", glyph: "○", accent: "slate", group: "Flow" },
 *   configSchema: z.strictObject({}),
 *   branches: () => null,
 * });
 */
export function defineStep<const Type extends string, Config>(spec: StepSpec<Type, Config>): StepSpec<Type, Config> {
  return spec;
}
