import { z } from "zod";
import { limits } from "@/engine/definition";

/** A step id as the definition allows it; an id the run does not have is the engine's NOT_FOUND. */
export const stepIdSchema = z.string().min(1).max(64);

/** Why an operator acted; recorded on the run's events. */
export const reasonSchema = z.string().trim().max(500).optional();

/** An operator's note on an approval decision; recorded on the step's event. */
export const commentSchema = z.string().trim().max(2_000).optional();

const encoder = new TextEncoder();

/**
 * A step output supplied by an operator: any JSON value (null included) of at most
 * `limits.stepOutputBytes` (1 MB) in UTF-8, as the step's dependents will read it.
 */
export const stepOutputValueSchema = z.unknown().transform((value, ctx) => {
  let text: string | undefined;
  try {
    text = JSON.stringify(value);
  } catch (error) {
    ctx.addIssue({ code: "custom", message: `output is not JSON: ${(error as Error).message}` });
    return z.NEVER;
  }
  if (text === undefined) {
    ctx.addIssue({ code: "custom", message: "output is required: any JSON value, null included" });
    return z.NEVER;
  }
  const bytes = encoder.encode(text).length;
  if (bytes > limits.stepOutputBytes) {
    ctx.addIssue({ code: "custom", message: `output is ${bytes} bytes of JSON; the limit is ${limits.stepOutputBytes} bytes (1 MB)` });
    return z.NEVER;
  }
  return JSON.parse(text) as unknown;
});
