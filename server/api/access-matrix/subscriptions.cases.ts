import { expect } from "vitest";
import { accessCase } from "./access-case";

// Any member reads the subscriptions and the delivery log (never a signing secret); owners
// subscribe, unsubscribe and redeliver. Subscriptions and deliveries are addressed by id.
export const subscriptionsCases = [
  accessCase({
    path: "subscriptions.list",
    allowed: "viewer",
    outsider: "own-team",
    input: () => undefined,
    allowedAnswer: (answer, _input, { actor, world }) => {
      expect(answer).toMatchObject({
        subscriptions: expect.arrayContaining([expect.objectContaining({ id: world.subscriptionId })]),
        deliveries: expect.arrayContaining([expect.objectContaining({ id: world.deliveryId })]),
        canEdit: actor === "owner",
      });
      expect(JSON.stringify(answer)).not.toMatch(/secret|whsec_/i);
    },
  }),
  accessCase({
    path: "subscriptions.create",
    allowed: "owner",
    outsider: "own-team",
    input: () => ({ url: "https://hooks.example.com/orka", events: ["run.completed", "step.failed"] }),
    allowedAnswer: (answer) => expect(answer).toMatchObject({ secret: expect.stringMatching(/^whsec_/) }),
  }),
  accessCase({ path: "subscriptions.delete", allowed: "owner", outsider: "NOT_FOUND", input: async (world) => ({ subscriptionId: await world.fresh.subscription() }) }),
  accessCase({
    path: "subscriptions.redeliver",
    allowed: "owner",
    outsider: "NOT_FOUND",
    input: async (world) => ({ deliveryId: await world.fresh.delivery(world.subscriptionId, world.completedRunId) }),
  }),
];
