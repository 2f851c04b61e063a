import { z } from "zod";
import { publishedEvents } from "@/engine/definition/published-events";

export const maxSubscriptionsPerTeam = 20;

export const createSubscriptionInputSchema = z.object({
  url: z
    .string()
    .trim()
    .max(2000, "the URL is at most 2000 characters")
    .pipe(z.url({ protocol: /^https?$/, error: "an http:// or https:// URL" })),
  events: z.array(z.enum(publishedEvents)).min(1, "choose at least one event").transform((events) => [...new Set(events)]),
});
export type CreateSubscriptionInput = z.infer<typeof createSubscriptionInputSchema>;

export const subscriptionIdSchema = z.object({ subscriptionId: z.string().min(1).max(100) });
export const deliveryIdSchema = z.object({ deliveryId: z.string().min(1).max(100) });
