import { expect } from "vitest";
import { accessCase } from "./access-case";

// Any member reads the names (never a value); owners save and delete. Secrets are addressed by
// name within the caller's team: another team's owner using team A's names acts on their own.
export const secretsCases = [
  accessCase({
    path: "secrets.list",
    allowed: "viewer",
    outsider: "own-team",
    input: () => undefined,
    allowedAnswer: (answer, _input, { actor, world }) =>
      expect(answer).toMatchObject({ secrets: expect.arrayContaining([expect.objectContaining({ name: world.secretName })]), canEdit: actor === "owner" }),
  }),
  accessCase({ path: "secrets.set", allowed: "owner", outsider: "own-team", input: (world) => ({ name: world.uniqueName("TOKEN"), value: "s3cret" }) }),
  accessCase({
    path: "secrets.set",
    label: "a name team A has",
    allowed: "owner",
    outsider: "own-team",
    input: (world) => ({ name: world.secretName, value: "another value" }),
    ownTeamAnswer: (answer) => expect(answer, "another team's owner saves their own secret of that name").toMatchObject({ created: true }),
  }),
  accessCase({ path: "secrets.delete", allowed: "owner", outsider: "NOT_FOUND", input: async (world) => ({ name: await world.fresh.secret() }) }),
];
