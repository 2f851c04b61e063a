// The step specs (zod schemas, branches, looks) without the validator: what the canvas needs to
// draw steps, importable without pulling JSONata, Ajv and acorn into the designer's first load.
export { stepSpecs, stepTypes, getStepSpec, builtInSpecs, stepSpecsOf, type StepType, type StepSpecs } from "../steps/registry";
export { defineStep, paletteGroups, stepAccents, type StepSpec, type StepLook, type StepAccent, type PaletteGroup } from "../steps/spec";
