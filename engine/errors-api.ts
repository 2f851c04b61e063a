/** Why an engine API call was refused; the server maps `code` to its own error codes. */
export class EngineActionError extends Error {
  constructor(
    readonly code: "NOT_FOUND" | "CONFLICT" | "BAD_REQUEST",
    message: string,
  ) {
    super(message);
    this.name = "EngineActionError";
  }
}
