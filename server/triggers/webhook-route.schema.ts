import { z } from "zod";
import { webhookTokenSchema } from "./webhooks";

export const webhookPathSchema = z.object({
  token: webhookTokenSchema.meta({ description: "The webhook's secret token: the credential. Rotating it in the designer replaces it." }),
});

/** Any JSON is the run's input; the workflow's input schema decides (400 INVALID_INPUT otherwise). */
export const webhookBodySchema = z.unknown().meta({ description: "The run input; an empty body is the input {}." });
