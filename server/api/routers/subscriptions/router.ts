import "server-only";
import { createTRPCRouter, ownerProcedure, teamProcedure } from "../../trpc";
import { createSubscription, deleteSubscription, listSubscriptions, redeliver } from "./subscriptions.handlers";
import { createSubscriptionInputSchema, deliveryIdSchema, subscriptionIdSchema } from "./subscriptions.schema";

/** Event subscriptions (run and step events POSTed to a team's URL): any member reads them and the delivery log, owners change them and redeliver. */
export const subscriptionsRouter = createTRPCRouter({
  list: teamProcedure.query(listSubscriptions),
  create: ownerProcedure.input(createSubscriptionInputSchema).mutation(createSubscription),
  delete: ownerProcedure.input(subscriptionIdSchema).mutation(deleteSubscription),
  redeliver: ownerProcedure.input(deliveryIdSchema).mutation(redeliver),
});
