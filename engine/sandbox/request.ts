import { fileURLToPath } from "node:url";
import { PermanentError, StepFailure } from "../errors";
import { limits } from "../definition/limits";
import type { CodeRequest } from "./index";
import type { RunMessage } from "./protocol";

/** Checks a request and turns it into the message a worker runs; a StepFailure says what is wrong. */
export function toRunMessage(id: number, request: CodeRequest): RunMessage | StepFailure {
  const { source, timeoutMs } = request;
  const memoryBytes = request.memoryBytes ?? limits.codeMemoryBytes;
  if (typeof source !== "string") return new PermanentError("code step source must be a string");
  if (typeof request.tenant !== "string" || request.tenant === "") return new PermanentError("code step tenant must be a non-empty string");
  if (!(timeoutMs > 0 && Number.isFinite(timeoutMs))) return new PermanentError("code step timeoutMs must be a positive number");
  if (!(memoryBytes > 0 && Number.isFinite(memoryBytes))) return new PermanentError("code step memoryBytes must be a positive number");
  let globalsJson: string | undefined;
  try {
    globalsJson = JSON.stringify(request.globals);
  } catch (error) {
    return new PermanentError(`code step globals are not JSON-serializable: ${(error as Error).message}`);
  }
  if (typeof request.globals !== "object" || globalsJson === undefined) {
    return new PermanentError("code step globals must be an object");
  }
  return { type: "run", id, source, globalsJson, timeoutMs, memoryBytes, reportStart: request.onStart !== undefined };
}

/** Where the worker may resolve quickjs-emscripten from: the cwd (Next, CLI), then this file (Vitest, tsx). */
export function resolveBases(): string[] {
  const bases = [`${process.cwd()}/`];
  try {
    bases.push(fileURLToPath(import.meta.url));
  } catch {
    // A bundler may give a non-file URL; the cwd base is then the only one.
  }
  return bases;
}
