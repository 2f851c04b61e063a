import { Ajv, type ValidateFunction } from "ajv";
import addFormats from "ajv-formats";
import type { ValidationIssue } from "./issues";
import { limits } from "./limits";

const ajv = new Ajv({ allErrors: true, strict: false });
(addFormats as unknown as (instance: Ajv) => void)(ajv);
const compiled = new WeakMap<object, ValidateFunction>();

/** Compiles a workflow's input JSON Schema; throws with ajv's message when the schema is invalid. */
export function compileInputSchema(schema: Record<string, unknown>): ValidateFunction {
  let validate = compiled.get(schema);
  if (!validate) {
    validate = ajv.compile(schema);
    compiled.set(schema, validate);
  }
  return validate;
}

/** Problems of a run input against the schema, addressed like `input.customer.tier`. */
export function checkRunInput(schema: Record<string, unknown> | undefined, input: unknown): ValidationIssue[] {
  if (!schema) return [];
  const validate = compileInputSchema(schema);
  if (validate(input)) return [];
  return (validate.errors ?? []).map((error) => ({
    path: ["input", ...error.instancePath.split("/").filter(Boolean)].join("."),
    message: error.message ?? "does not match the input schema",
  }));
}

/** Problems of the input of a run about to be made (a start, or a sub-workflow's or map's child): JSON, size, schema. */
export function checkNewRunInput(schema: Record<string, unknown> | undefined, input: unknown): ValidationIssue[] {
  let size: number;
  try {
    size = JSON.stringify(input)?.length ?? 0;
  } catch (error) {
    return [{ path: "input", message: `input is not JSON: ${(error as Error).message}` }];
  }
  if (size > limits.runInputBytes) return [{ path: "input", message: `input is ${size} bytes; the limit is ${limits.runInputBytes}` }];
  return checkRunInput(schema, input);
}
