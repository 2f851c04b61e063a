import { PermanentError, TimeoutError, type StepFailure } from "../errors";

/** jsonata's code for its own time box (`timeout` guardrail). */
const timeBoxCode = "D1012";

const excerpt = (source: string) => `(in: ${source.slice(0, 120)})`;

export function timeLimitExceeded(source: string, timeoutMs: number): TimeoutError {
  return new TimeoutError(`expression exceeded its time limit of ${timeoutMs} ms ${excerpt(source)}`);
}

export function memoryLimitExceeded(source: string, memoryMb: number): PermanentError {
  return new PermanentError(`expression exceeded its memory limit of ${memoryMb} MB ${excerpt(source)}`);
}

/** The child evaluating the expression died for another reason (killed, crashed): `how` says how it ended. */
export function evaluatorStopped(source: string, how: string): PermanentError {
  return new PermanentError(`the expression evaluator stopped (${how}) ${excerpt(source)}`);
}

/** A jsonata error (thrown in process or reported by the child) as the step failure it means. */
export function expressionFailure(source: string, timeoutMs: number, error: { code?: string; message?: string }): StepFailure {
  if (error.code === timeBoxCode) return timeLimitExceeded(source, timeoutMs);
  return new PermanentError(`expression failed: ${error.message ?? String(error)} ${excerpt(source)}`);
}
