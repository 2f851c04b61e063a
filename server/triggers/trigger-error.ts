import type { ValidationIssue } from "@/engine";

export type TriggerErrorCode = "NOT_FOUND" | "NOT_PUBLISHED" | "INVALID_INPUT" | "INVALID_DEFINITION";

/** Why a trigger started no run; the HTTP routes and the scheduler each say it their own way. */
const triggerErrorBrand = Symbol.for("orka.TriggerError");

export class TriggerError extends Error {
  readonly [triggerErrorBrand] = true;

  constructor(
    readonly code: TriggerErrorCode,
    message: string,
    readonly issues: ValidationIssue[] = [],
  ) {
    super(message);
    this.name = "TriggerError";
  }

  // Recognised across the copies of this module that Next's bundles make (see HttpError).
  static [Symbol.hasInstance](value: unknown): boolean {
    if (this !== TriggerError) return Function.prototype[Symbol.hasInstance].call(this, value);
    return typeof value === "object" && value !== null && triggerErrorBrand in value;
  }
}
