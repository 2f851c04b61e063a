// Isomorphic: safe for the browser (zod, jsonata, ajv, yaml only). The canvas imports from here.
export { definitionSchema, stepSchema, edgeSchema, retryPolicySchema, stepIdPattern } from "./schema.js";
export type { Definition, StepDefinition, EdgeDefinition, RetryPolicy } from "./schema.js";
export { validateDefinition, type ValidationResult } from "./validate.js";
export { parseDefinitionText, type ParseResult } from "./parse.js";
export { ValidationError, formatIssue, type ValidationIssue } from "./issues.js";
export { checkRunInput } from "./input-schema.js";
export { buildGraph, findCycle, type Graph } from "./graph.js";
export { limits } from "./limits.js";
export * from "./statuses.js";
export * from "./run-events.js";
export { foldRunEvents, type RunView, type StepView } from "./fold-run-events.js";
export { stepSpecs, stepTypes, getStepSpec } from "../steps/registry.js";
