import { TRPCError } from "@trpc/server";
import { ValidationError, type ValidationIssue } from "@/engine/definition/issues";
import { EngineActionError } from "@/engine/errors-api";
import { RunCommandTimeoutError } from "@/server/engine-host/run-commands/relay";

/** A resource that does not exist or belongs to another team: both answer "not found". */
export class NotFoundError extends Error {
  constructor(what: string) {
    super(`${what} not found`);
    this.name = "NotFoundError";
  }
}

/** Prisma's request errors, matched by shape so either generated client's classes qualify. */
function prismaErrorCode(error: unknown): string | undefined {
  if (typeof error !== "object" || error === null) return undefined;
  const { code, clientVersion } = error as { code?: unknown; clientVersion?: unknown };
  return typeof code === "string" && typeof clientVersion === "string" ? code : undefined;
}

/** The one mapping from what handlers throw to what a tRPC client sees. */
export function toTRPCError(error: unknown): TRPCError {
  if (error instanceof TRPCError) return error;
  if (error instanceof ValidationError) return new TRPCError({ code: "BAD_REQUEST", message: error.message, cause: error });
  if (error instanceof NotFoundError) return new TRPCError({ code: "NOT_FOUND", message: error.message, cause: error });
  if (error instanceof EngineActionError) return new TRPCError({ code: error.code, message: error.message, cause: error });
  if (error instanceof RunCommandTimeoutError) return new TRPCError({ code: "SERVICE_UNAVAILABLE", message: error.message, cause: error });
  const prismaCode = prismaErrorCode(error);
  if (prismaCode === "P2025") return new TRPCError({ code: "NOT_FOUND", message: "not found", cause: error });
  if (prismaCode === "P2002") return new TRPCError({ code: "CONFLICT", message: "already exists", cause: error });
  return new TRPCError({ code: "INTERNAL_SERVER_ERROR", message: "internal error", cause: error });
}

/** Validation problems carried by an error, for the client to show beside the fields. */
export function issuesOf(error: unknown): ValidationIssue[] | null {
  return error instanceof ValidationError ? error.issues : null;
}
