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
