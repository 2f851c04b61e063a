import { approvalSpec } from "./approval/spec.js";
import { codeSpec } from "./code/spec.js";
import { conditionSpec } from "./condition/spec.js";
import { delaySpec } from "./delay/spec.js";
import { failSpec } from "./fail/spec.js";
import { httpSpec } from "./http/spec.js";
import { mapSpec } from "./map/spec.js";
import { noopSpec } from "./noop/spec.js";
import type { StepSpec } from "./spec.js";
import { stopSpec } from "./stop/spec.js";
import { subworkflowSpec } from "./subworkflow/spec.js";
import { switchSpec } from "./switch/spec.js";

/** Every step type, in palette order. Isomorphic: specs only, no handlers. */
export const stepSpecs = [
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
] as unknown as StepSpec[];

export const stepTypes = stepSpecs.map((spec) => spec.type);

const specsByType = new Map(stepSpecs.map((spec) => [spec.type, spec]));

export function getStepSpec(type: string): StepSpec | undefined {
  return specsByType.get(type);
}
