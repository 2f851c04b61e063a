import { z } from "zod";
import { limits } from "@/engine";
import { HttpError } from "@/server/http/responses";
import { workflowIdSchema } from "../../routers/workflows/workflow-input";

export const startRunPathSchema = z.object({ workflowId: workflowIdSchema });

export const startRunBodySchema = z
  .strictObject({
    input: z.unknown().optional().meta({ description: "The run input; {} when omitted." }),
    version: z.number().int().min(1).optional().meta({ description: "A published version number; the latest when omitted." }),
  })
  .meta({ id: "StartRunBody" });

/** Room for `{ "input": …, "version": … }` around an input of the full 1 MB. */
export const startRunBodyBytes = limits.runInputBytes + 4_096;
const encoder = new TextEncoder();

/** The input on its own is held to the run input limit (413), like a webhook's whole body. */
export function checkInputSize(input: unknown): void {
  const inputBytes = encoder.encode(JSON.stringify(input)).length;
  if (inputBytes > limits.runInputBytes) {
    throw new HttpError("PAYLOAD_TOO_LARGE", `input is ${inputBytes} bytes of JSON; the limit is ${limits.runInputBytes} bytes (1 MB)`, [{ path: "input", message: "too large" }]);
  }
}
