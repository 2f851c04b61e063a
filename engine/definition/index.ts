// Isomorphic: safe for the browser (zod, jsonata, ajv, yaml only). The canvas imports from here.
export { definitionSchema, stepSchema, edgeSchema, retryPolicySchema, stepIdPattern } from "./schema";
export type { Definition, StepDefinition, EdgeDefinition, RetryPolicy } from "./schema";
export { validateDefinition, checkExpression, type ValidationResult, type ValidationOptions } from "./validate";
export { fieldKindOf, collectMarkedValues, parseTemplate, type FieldKind } from "./fields";
export { parseDefinitionText, type ParseResult } from "./parse";
export { ValidationError, formatIssue, formatPath, type ValidationIssue } from "./issues";
export { checkRunInput } from "./input-schema";
export { buildGraph, findCycle, type Graph } from "./graph";
export { limits } from "./limits";
export { parseWorkflowReference, refersToWorkflow, defaultNamespace, type WorkflowIdentity } from "./workflow-reference";
export { secretNamesInDefinition } from "./secret-refs";
export { canonicalJson, sameDefinition } from "./canonical-json";
export * from "./statuses";
export * from "./run-events";
export { foldRunEvents, type RunView, type StepView } from "./fold-run-events";
export { stepSpecs, stepTypes, getStepSpec, builtInSpecs, stepSpecsOf, type StepType, type StepSpecs } from "../steps/registry";
export { defineStep, paletteGroups, stepAccents, type StepSpec, type StepLook, type StepAccent, type PaletteGroup } from "../steps/spec";
