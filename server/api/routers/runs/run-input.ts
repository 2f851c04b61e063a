import { z } from "zod";
import { limits } from "@/engine/definition";

export const runIdSchema = z.string().min(1).max(100);

const encoder = new TextEncoder();

/**
 * A run input as the engine will store it: JSON of at most `limits.runInputBytes` (1 MB) in UTF-8.
 * superjson lets clients send values JSON has no form for (Date, undefined, Map); they arrive here
 * as what JSON.stringify makes of them, so the caller sees the input the run really got.
 */
export const runInputValueSchema = z.unknown().transform((value, ctx) => {
  let text: string | undefined;
  try {
    text = JSON.stringify(value);
  } catch (error) {
    ctx.addIssue({ code: "custom", message: `input is not JSON: ${(error as Error).message}` });
    return z.NEVER;
  }
  if (text === undefined) {
    ctx.addIssue({ code: "custom", message: "input is not JSON" });
    return z.NEVER;
  }
  const bytes = encoder.encode(text).length;
  if (bytes > limits.runInputBytes) {
    ctx.addIssue({ code: "custom", message: `input is ${bytes} bytes of JSON; the limit is ${limits.runInputBytes} bytes (1 MB)` });
    return z.NEVER;
  }
  return JSON.parse(text) as unknown;
});
