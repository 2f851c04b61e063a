import type { ValidationIssue } from "@/engine";

export type TriggerErrorCode = "NOT_FOUND" | "NOT_PUBLISHED" | "INVALID_INPUT" | "INVALID_DEFINITION";

/** Why a trigger started no run; the HTTP routes and the scheduler each say it their own way. */
export class TriggerError extends Error {
  constructor(
    readonly code: TriggerErrorCode,
    message: string,
    readonly issues: ValidationIssue[] = [],
  ) {
    super(message);
    this.name = "TriggerError";
  }
}
