import type { z } from "zod";

/** A response header: `Location` of a started run, `WWW-Authenticate` of a 401. */
export interface ApiHeader {
  description: string;
  schema: z.ZodType;
  required?: boolean;
}

export interface ApiResponse {
  description: string;
  /** The schema the handler shapes this answer with (`respond(schema, …)`). */
  schema: z.ZodType;
  headers?: Record<string, ApiHeader>;
}

/**
 * One operation of the public HTTP API, described by the very schemas its handler parses and
 * answers with: the OpenAPI document is generated from a list of these (`build-document.ts`).
 */
export interface ApiOperation {
  method: "get" | "post";
  /** OpenAPI path template: `/api/v1/runs/{runId}`. */
  path: string;
  operationId: string;
  summary: string;
  description?: string;
  /** Whether a team API key is the credential; a webhook's is the token in its path. */
  apiKey: boolean;
  pathParameters?: z.ZodObject;
  query?: z.ZodObject;
  /** Request headers the handler reads (`Idempotency-Key`), besides the credential. */
  headers?: z.ZodObject;
  body?: { schema: z.ZodType; required: boolean };
  responses: Record<number, ApiResponse>;
}
