import type { StepDefinition } from "@/engine/definition";
import type { FieldDescriptor } from "./config-fields";
import { getIn, joinPath } from "./config-values";
import type { FieldClaim } from "./field-issues";

const stepKeys = ["id", "name", "description", "retry", "timeoutMs", "assign", "optional", "cache.ttl", "cache.key"];
const retryKeys = ["maxAttempts", "backoff", "initialDelayMs", "maxDelayMs", "jitter", "maxRetryAfterMs", "on"];

/**
 * Every path the step inspector shows issues under, for a step at `steps[index]` whose config is
 * described by `fields` (null: the config is one JSON editor).
 */
export function stepClaims(index: number, step: StepDefinition, fields: readonly FieldDescriptor[] | null): FieldClaim[] {
  const at = `steps[${index}]`;
  const config = `${at}.config`;
  return [
    ...stepKeys.map((key) => ({ path: `${at}.${key}` })),
    ...retryKeys.map((key) => ({ path: `${at}.retry.${key}` })),
    ...Object.keys(step.assign ?? {}).map((name) => ({ path: `${at}.assign.${name}` })),
    ...(fields ? fields.flatMap((field) => fieldClaims(config, field, getIn(step.config, [field.key]))) : [{ path: config, deep: true }]),
  ];
}

function fieldClaims(base: string, field: FieldDescriptor, value: unknown): FieldClaim[] {
  const path = joinPath(base, [field.key]);
  switch (field.kind) {
    case "json":
      return [{ path, deep: true }];
    case "record":
      return [{ path }, ...Object.keys(isObject(value) ? value : {}).map((key) => ({ path: `${path}.${key}` }))];
    case "objectList":
      return [
        { path },
        ...(Array.isArray(value) ? value : []).flatMap((item: unknown, row) => [
          { path: `${path}[${row}]` },
          ...field.itemFields.flatMap((itemField) => fieldClaims(`${path}[${row}]`, itemField, getIn(item, [itemField.key]))),
        ]),
      ];
    default:
      return [{ path }];
  }
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
