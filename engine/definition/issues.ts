/** A validation problem, addressed by a path such as `steps[1].config.expression`. */
export interface ValidationIssue {
  path: string;
  message: string;
}

/** Joins zod-style path segments into `steps[1].config.url`. */
export function formatPath(segments: readonly PropertyKey[]): string {
  let path = "";
  for (const segment of segments) {
    if (typeof segment === "number") path += `[${segment}]`;
    else path += path ? `.${String(segment)}` : String(segment);
  }
  return path;
}

export function formatIssue(issue: ValidationIssue): string {
  return issue.path ? `${issue.path}: ${issue.message}` : issue.message;
}

const validationErrorBrand = Symbol.for("orka.ValidationError");

/** Thrown at a boundary (engine API, CLI, server) when input does not validate. */
export class ValidationError extends Error {
  /** See `isBranded`: recognised whichever copy of this module made it. */
  readonly [validationErrorBrand] = true;

  static [Symbol.hasInstance](value: unknown): boolean {
    return isBranded(this, ValidationError, validationErrorBrand, value);
  }

  constructor(
    readonly issues: ValidationIssue[],
    summary = "invalid",
  ) {
    super(`${summary}: ${issues.map(formatIssue).join("; ")}`);
    this.name = "ValidationError";
  }
}

/**
 * `instanceof` for an error class that crosses module copies. Next bundles the engine host (started
 * from instrumentation) apart from the route handlers, so one process holds two copies of the
 * engine's modules: an error thrown by the host's engine is not an instance of the routes' class by
 * prototype, and was answered as an internal error. Subclasses keep the ordinary check.
 */
export function isBranded(target: unknown, base: unknown, brand: symbol, value: unknown): boolean {
  if (target !== base) return Function.prototype[Symbol.hasInstance].call(target, value);
  return typeof value === "object" && value !== null && (value as Record<symbol, unknown>)[brand] === true;
}
