import { approvalSpec } from "./approval/spec";
import { codeSpec } from "./code/spec";
import { conditionSpec } from "./condition/spec";
import { delaySpec } from "./delay/spec";
import { failSpec } from "./fail/spec";
import { httpSpec } from "./http/spec";
import { mapSpec } from "./map/spec";
import { noopSpec } from "./noop/spec";
import type { StepSpec } from "./spec";
import { stopSpec } from "./stop/spec";
import { subworkflowSpec } from "./subworkflow/spec";
import { switchSpec } from "./switch/spec";

/**
 * Every built-in step type, in palette order. Isomorphic: specs only; their handlers are listed in
 * `handlers.ts`, which must name exactly these types (`satisfies Record<StepType, …>`).
 */
export const builtInStepSpecs = [
  noopSpec,
  codeSpec,
  conditionSpec,
  switchSpec,
  httpSpec,
  delaySpec,
  approvalSpec,
  subworkflowSpec,
  mapSpec,
  failSpec,
  stopSpec,
] as const;

/** A built-in step type's name. */
export type StepType = (typeof builtInStepSpecs)[number]["type"];

/** The config a built-in step type's handler receives (its schema's output). */
export type StepConfig<Type extends StepType> = Extract<(typeof builtInStepSpecs)[number], { type: Type }> extends StepSpec<Type, infer Config> ? Config : never;

/** The step types a validator knows: the built-in ones unless a caller passes its own. */
export interface StepSpecs {
  /** Every type, in palette order. */
  readonly types: readonly string[];
  get(type: string): StepSpec | undefined;
}

/** A spec lookup over `specs`; a type listed twice is a programming error. */
export function stepSpecsOf(specs: readonly StepSpec[]): StepSpecs {
  const byType = new Map<string, StepSpec>();
  for (const spec of specs) {
    if (byType.has(spec.type)) throw new Error(`step type "${spec.type}" is registered twice`);
    byType.set(spec.type, spec);
  }
  return { types: [...byType.keys()], get: (type) => byType.get(type) };
}

export const builtInSpecs: StepSpecs = stepSpecsOf(builtInStepSpecs);

/** Every built-in spec, in palette order. */
export const stepSpecs: readonly StepSpec[] = builtInStepSpecs;
export const stepTypes: readonly string[] = builtInSpecs.types;

export function getStepSpec(type: string): StepSpec | undefined {
  return builtInSpecs.get(type);
}
