import "server-only";
import type { z } from "zod";
import { formatPath, type ValidationIssue } from "@/engine";
import { HttpError } from "./responses";
import type { DoorRequest } from "./door-request";

/** zod's issues in the path-addressed form every other refusal uses. */
function issuesOfZod(error: z.ZodError): ValidationIssue[] {
  return error.issues.map((issue) => ({ path: formatPath(issue.path), message: issue.message }));
}

/** The request's query string read by `schema`; a mismatch is 400 with an issue per parameter. */
export function parseQuery<S extends z.ZodType>(schema: S, request: Pick<DoorRequest, "url">): z.output<S> {
  const parsed = schema.safeParse(Object.fromEntries(new URL(request.url).searchParams));
  if (!parsed.success) throw new HttpError("BAD_REQUEST", "invalid query", issuesOfZod(parsed.error));
  return parsed.data;
}

/** A JSON body read by `schema`; a mismatch is 400 with `message` and the issues. */
export function parseBody<S extends z.ZodType>(schema: S, body: unknown, message: string): z.output<S> {
  const parsed = schema.safeParse(body);
  if (!parsed.success) throw new HttpError("BAD_REQUEST", message, issuesOfZod(parsed.error));
  return parsed.data;
}

/**
 * Path parameters read by `schema`. No id of that shape exists, so a mismatch answers the same 404
 * as an unknown one (`notFound`), saying nothing more.
 */
export function parsePath<S extends z.ZodType>(schema: S, params: unknown, notFound: string): z.output<S> {
  const parsed = schema.safeParse(params);
  if (!parsed.success) throw new HttpError("NOT_FOUND", notFound);
  return parsed.data;
}
