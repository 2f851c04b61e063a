import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { actors, expectedAnswer, type AccessCase, type Actor } from "./access-case";
import { callAs, procedureTypes } from "./call-as";
import { accessCases } from "./cases";
import { createWorld, type World } from "./world";

let world: World;

beforeAll(async () => {
  // Secrets are encrypted with the server's key: the world saves one, so it needs a key first.
  if (!process.env.ORKA_SECRETS_KEY) vi.stubEnv("ORKA_SECRETS_KEY", randomBytes(32).toString("base64"));
  world = await createWorld();
});

afterAll(async () => {
  await world.cleanup();
  vi.unstubAllEnvs();
});

const caseFile = (path: string) => `server/api/access-matrix/${path.split(".")[0]}.cases.ts`;

describe("the access matrix", () => {
  it("has a case for every procedure of appRouter", () => {
    const covered = new Set(accessCases.map((spec) => spec.path as string));
    const missing = Object.keys(procedureTypes()).filter((path) => !covered.has(path));
    if (missing.length) {
      expect.fail(missing.map((path) => `${path} has no access case: add a case to ${caseFile(path)} (and list the file's cases in cases.ts)`).join("\n"));
    }
  });

  it("names only procedures that exist", () => {
    const known = procedureTypes();
    expect(accessCases.map((spec) => spec.path).filter((path) => !(path in known))).toEqual([]);
  });
});

for (const spec of accessCases) {
  describe(spec.label ? `${spec.path} (${spec.label})` : spec.path, () => {
    for (const actor of actors) {
      it(`${actor}: ${expectedAnswer(spec, actor)}`, () => checkCall(spec, actor));
    }
  });
}

/**
 * One cell of the matrix: the call's answer, and for anyone who may not act (anonymous, a role
 * too weak, another team's owner, a person in no team) team A exactly as it was.
 */
async function checkCall(spec: AccessCase, actor: Actor) {
  const expected = expectedAnswer(spec, actor);
  const input = await spec.input(world);
  const identity = spec.standIn ? await world.fresh.standIn(actor) : world.identities[actor];
  await world.settle();
  const before = expected === "allowed" ? null : await world.state();
  const outcome = await callAs(world, identity, spec.path, input);
  const said = outcome.ok ? "it succeeded" : `it failed with ${outcome.code}: ${outcome.message}`;
  if (expected === "allowed") {
    if (!outcome.ok && outcome.code === spec.allowedError?.code) return;
    if (!outcome.ok) expect.fail(`${spec.path} as ${actor} should be allowed, but ${said}`);
    spec.allowedAnswer?.(outcome.answer, input, { actor, world });
  } else if (expected === "own-team") {
    if (!outcome.ok) expect.fail(`${spec.path} as ${actor} should act on their own team or account, but ${said}`);
    await expectNoIdOfTeamA(outcome.answer, spec.echoes?.(input) ?? []);
    spec.ownTeamAnswer?.(outcome.answer, input, { actor, world });
  } else {
    expect(outcome.ok ? null : outcome.code, `${spec.path} as ${actor} should be ${expected}, but ${said}`).toBe(expected);
  }
  if (before) {
    await world.settle();
    expect(await world.state(), `${spec.path} as ${actor} changed team A`).toEqual(before);
  }
}

async function expectNoIdOfTeamA(answer: unknown, echoed: string[]) {
  let text = JSON.stringify(answer) ?? "";
  for (const id of echoed) text = text.replaceAll(id, "<echoed id>");
  const leaked = (await world.ids()).filter((id) => text.includes(id));
  expect(leaked, `someone outside team A was told its ids: ${text}`).toEqual([]);
}
