import { isBranded } from "./definition/issues";

const engineActionErrorBrand = Symbol.for("orka.EngineActionError");

/** Why an engine API call was refused; the server maps `code` to its own error codes. */
export class EngineActionError extends Error {
  /** Recognised by `instanceof` whichever copy of the engine made it (see `isBranded`). */
  readonly [engineActionErrorBrand] = true;

  static [Symbol.hasInstance](value: unknown): boolean {
    return isBranded(this, EngineActionError, engineActionErrorBrand, value);
  }

  constructor(
    readonly code: "NOT_FOUND" | "CONFLICT" | "BAD_REQUEST",
    message: string,
  ) {
    super(message);
    this.name = "EngineActionError";
  }
}
