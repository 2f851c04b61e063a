import "server-only";
import { z } from "zod";
import type { ValidationIssue } from "@/engine";
import { getLog } from "@/server/observability/log";
import { TriggerError } from "@/server/triggers/trigger-error";
import { issueSchema } from "./wire-schemas";

/** The error codes of the public HTTP API (webhooks and /api/v1), each with one HTTP status. */
export const httpErrorStatus = {
  BAD_REQUEST: 400,
  INVALID_JSON: 400,
  JSON_TOO_DEEP: 400,
  UNAUTHORIZED: 401,
  NOT_FOUND: 404,
  INVALID_INPUT: 400,
  NOT_PUBLISHED: 409,
  // The published version no longer validates (a newer validator): the workflow's state, not the request.
  INVALID_DEFINITION: 409,
  IDEMPOTENCY_KEY_IN_USE: 409,
  // An operator action the run's state refuses (redriving a run that did not fail).
  CONFLICT: 409,
  PAYLOAD_TOO_LARGE: 413,
  UNSUPPORTED_MEDIA_TYPE: 415,
  IDEMPOTENCY_KEY_REUSED: 422,
  RATE_LIMITED: 429,
  INTERNAL: 500,
  // An operator action forwarded to the engine owning the run got no answer in time (ORKA_ENGINE=off).
  ENGINE_UNAVAILABLE: 503,
} as const;
export type HttpErrorCode = keyof typeof httpErrorStatus;

/** Every refusal of the public HTTP API: `{ error: { code, message, issues? } }`. */
export const errorBodySchema = z
  .object({
    error: z.object({
      code: z.enum(Object.keys(httpErrorStatus) as [HttpErrorCode, ...HttpErrorCode[]]),
      message: z.string(),
      issues: z.array(issueSchema).optional().meta({ description: "What is wrong where, one entry per problem." }),
    }),
  })
  .meta({ id: "Error" });

/** A refusal with its HTTP meaning, thrown inside a route and answered by `errorResponse`. */
const httpErrorBrand = Symbol.for("orka.HttpError");

export class HttpError extends Error {
  readonly [httpErrorBrand] = true;

  constructor(
    readonly code: HttpErrorCode,
    message: string,
    readonly issues?: ValidationIssue[],
    readonly headers?: Record<string, string>,
  ) {
    super(message);
    this.name = "HttpError";
  }

  // Next evaluates server modules more than once (each route bundle, instrumentation): the process's
  // rate limiter may throw another copy's HttpError into scripts/serve.mjs's webhook door.
  static [Symbol.hasInstance](value: unknown): boolean {
    if (this !== HttpError) return Function.prototype[Symbol.hasInstance].call(this, value);
    return typeof value === "object" && value !== null && httpErrorBrand in value;
  }
}

// On the answer, for the Node front door (node-front-door.ts) to send without reading the body stream back.
// `Symbol.for`: Next may load this module more than once, and the door must find the text whichever copy made it.
const jsonTextKey = Symbol.for("orka.answerJsonText");

function json(body: unknown, status: number, headers: Record<string, string>): Response {
  const text = JSON.stringify(body);
  const response = new Response(text, { status, headers: { "content-type": "application/json", "cache-control": "no-store", ...headers } });
  Object.defineProperty(response, jsonTextKey, { value: text });
  return response;
}

/** The JSON text of an answer made by `respond` or `errorResponse`, without reading its body; undefined for any other. */
export function jsonTextOf(response: Response): string | undefined {
  return (response as unknown as Record<symbol, string | undefined>)[jsonTextKey];
}

/**
 * An answer shaped by its schema: what the OpenAPI document promises is what is sent. A value the
 * schema refuses is a bug in the handler and answers 500.
 */
export function respond<S extends z.ZodType>(schema: S, body: z.input<S>, status = 200, headers: Record<string, string> = {}): Response {
  return json(schema.parse(body), status, headers);
}

/** The answer to whatever a route threw; anything unexpected is logged and answered as a bare 500. */
export function errorResponse(error: unknown): Response {
  const known = error instanceof TriggerError ? new HttpError(error.code, error.message, error.issues) : error;
  if (!(known instanceof HttpError)) {
    // Never the request: it may carry a token or key.
    getLog().error({ err: error }, "HTTP route failed");
    return respond(errorBodySchema, { error: { code: "INTERNAL", message: "internal error" } }, 500);
  }
  const issues = known.issues?.length ? { issues: known.issues } : {};
  return respond(errorBodySchema, { error: { code: known.code, message: known.message, ...issues } }, httpErrorStatus[known.code], known.headers);
}
