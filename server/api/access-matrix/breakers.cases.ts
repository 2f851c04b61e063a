import { expect } from "vitest";
import { accessCase } from "./access-case";

// Any member reads the team's circuit breakers; editors reset one. A breaker is addressed by its key
// within the caller's team: another team's owner naming team A's key finds none of their own.
export const breakersCases = [
  accessCase({
    path: "breakers.list",
    allowed: "viewer",
    outsider: "own-team",
    input: () => undefined,
    allowedAnswer: (answer, _input, { actor, world }) =>
      expect(answer).toMatchObject({ breakers: expect.arrayContaining([expect.objectContaining({ key: world.breakerKey })]), canReset: actor !== "viewer" }),
    ownTeamAnswer: (answer) => expect(answer).toMatchObject({ breakers: [] }),
  }),
  accessCase({ path: "breakers.reset", allowed: "editor", outsider: "NOT_FOUND", input: (world) => ({ key: world.breakerKey }) }),
];
