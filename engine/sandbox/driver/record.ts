/**
 * Shapes shared by the driver and the classifier, both evaluated inside QuickJS (types only: the
 * two are bundled separately). An outcome is a string whose first character is its code:
 * "o" + output JSON, "p" permanent, "t" transient, "m" out of memory, "n" + outcome for a thrown
 * `null` (which only the worker can tell apart from out of memory).
 */
export type OutcomeText = string;

/** The builtins the driver captured before user code ran; user code may have replaced the globals since. */
export interface Kit {
  stringify: typeof JSON.stringify;
  toText: (value: unknown) => string;
  ErrorType: ErrorConstructor;
  SyntaxErrorType: SyntaxErrorConstructor;
  PermanentError: new (message?: string) => Error;
}

/** Where a run failed, what was thrown, the kit, and the key and type that made the output unserializable. */
export type FailureRecord = [stage: "compile" | "throw" | "output", thrown: unknown, kit: Kit, unserializable: Unserializable | null];

export type Unserializable = [key: string, type: string];
