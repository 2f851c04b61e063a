import { z } from "zod";
import { expression } from "./fields";
import { limits } from "./limits";

export const stepIdPattern = /^[a-z][a-z0-9_]{0,63}$/;
const stepIdSchema = z.string().regex(stepIdPattern, "an id is lowercase letters, digits and _, starting with a letter (at most 64)");

/** Retry policy as typed data (defaults: one attempt, exponential backoff from 1 s up to 60 s). */
export const retryPolicySchema = z.strictObject({
  maxAttempts: z.number().int().min(1).max(100).default(1),
  backoff: z.enum(["fixed", "exponential"]).default("exponential"),
  initialDelayMs: z.number().int().min(0).max(86_400_000).default(1000),
  maxDelayMs: z.number().int().min(0).max(86_400_000).default(60_000),
  /** Fraction of each delay randomised, 0 (none) to 1 (full jitter). */
  jitter: z.number().min(0).max(1).default(0.2),
});
export type RetryPolicy = z.infer<typeof retryPolicySchema>;

const positionSchema = z.strictObject({ x: z.number().finite(), y: z.number().finite() });
/** Free-form data kept verbatim on import/export (the only place unknown content is allowed). */
const metadataSchema = z.record(z.string(), z.unknown());

export const stepSchema = z.strictObject({
  id: stepIdSchema,
  /** Checked against the step registry by `validateDefinition`, so one unknown type hides no other problem. */
  type: z.string().min(1, "type is empty").max(64),
  name: z.string().max(200).optional(),
  description: z.string().max(2000).optional(),
  /** Checked against the step type's own schema by `validateDefinition`. */
  config: z.record(z.string(), z.unknown()).default({}),
  retry: retryPolicySchema.optional(),
  timeoutMs: z.number().int().min(1).max(86_400_000).optional(),
  /** `$vars` written on completion: name → JSONata over the step's result (`$output`). */
  assign: z.record(z.string().regex(/^[A-Za-z_][A-Za-z0-9_]{0,63}$/, "a variable name is an identifier"), expression()).optional(),
  position: positionSchema.optional(),
  metadata: metadataSchema.optional(),
});
export type StepDefinition = z.infer<typeof stepSchema>;

export const edgeSchema = z.strictObject({
  from: stepIdSchema,
  to: stepIdSchema,
  branch: z.string().min(1).max(64).optional(),
});
export type EdgeDefinition = z.infer<typeof edgeSchema>;

export const definitionSchema = z.strictObject({
  format: z.literal("orka/v1", { error: 'format must be "orka/v1"' }),
  name: z.string().min(1, "name is empty").max(200),
  /** Display name ("Order sync"): shown where people read the workflow; `name` stays the identifier. */
  title: z.string().max(200).optional(),
  namespace: z.string().min(1).max(100).default("default"),
  description: z.string().max(10_000).optional(),
  /** JSON Schema of the run input. */
  input: z.record(z.string(), z.unknown()).optional(),
  steps: z.array(stepSchema).max(limits.steps, `at most ${limits.steps} steps are allowed`),
  edges: z.array(edgeSchema).max(limits.edges, `at most ${limits.edges} edges are allowed`).default([]),
  output: expression().optional(),
  maxParallel: z.number().int().min(1).max(256).default(limits.defaultMaxParallel),
  metadata: metadataSchema.optional(),
});
export type Definition = z.infer<typeof definitionSchema>;
