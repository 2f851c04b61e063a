// Attacks on sign-up and sign-in against the real server (`next start`), on SQLite and PostgreSQL:
// the server keeps answering while attacked, the attack is refused cleanly, nothing else changes,
// and a restart comes up healthy with the same rows.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  createLiveDatabases,
  expectAnsweredThroughout,
  expectRestartKeepsData,
  probeHealthDuring,
  signIn,
  signUp,
  startLiveServer,
  type LiveServer,
  type LiveSession,
  type Person,
} from "../testing/live-server";

const people = (stem: string): Person[] => Array.from({ length: 10 }, (_, index) => ({ name: `${stem} ${index}`, email: `${stem}-${index}@live.test`, password: `${stem} password ${index}` }));
/** Each person from a loopback address of their own: the per-address sign-up limit (5 a minute) stays out of the way. */
const addressOf = (first: number, index: number) => `127.0.0.${first + index}`;

describe.each(await createLiveDatabases())("sign-up and sign-in attacks on %s", (_name, database) => {
  let server: LiveServer;
  let owner: LiveSession | undefined;

  beforeAll(async () => {
    if (database) server = (await startLiveServer({ database }))!;
  });
  afterAll(async () => {
    await server?.stop();
  });

  it.skipIf(!database)("10 first sign-ups at once: exactly one owner, nine clean refusals, nothing left behind", async () => {
    const before = await server.database.counts();
    const racers = people("first");
    const { result: answers, probe } = await probeHealthDuring(server, Promise.all(racers.map((person, index) => signUp(server, person, { from: addressOf(11, index) }))));
    const winners = answers.filter((answer) => answer.status === 200);
    owner = winners[0]?.session ?? undefined; // the tests below need the owner whatever fails here
    expectAnsweredThroughout(probe);

    expect(winners, JSON.stringify(answers.map((answer) => [answer.status, answer.body]))).toHaveLength(1);
    for (const refused of answers.filter((answer) => answer.status !== 200)) {
      expect([refused.status, refused.body?.message]).toEqual([403, "This installation already has an owner — ask them for an invite link."]);
      expect(refused.headers.getSetCookie()).toEqual([]);
    }
    expect(await owner!.trpc("teams.me", undefined, "query")).toMatchObject({ user: { email: owner!.person.email }, team: { name: "My team" }, role: "owner" });
    const after = await server.database.counts();
    // The owner's rows and one audit entry ("member.joined"), nothing of the nine.
    expect(after).toEqual({ ...before, users: 1, accounts: 1, sessions: 1, memberships: 1, audit_events: before.audit_events + 1 });

    await expectRestartKeepsData(server);
    expect(await owner!.trpc("teams.me", undefined, "query")).toMatchObject({ role: "owner" }); // the session outlives the restart
  });

  it.skipIf(!database)("10 sign-ups at once with one single-use invite: one joins, nine clean refusals, nothing left behind", async () => {
    expect(owner, "needs the owner of the first test").toBeDefined();
    const token = await owner!.createInvite("editor");
    const before = await server.database.counts();
    const racers = people("invited");
    const { result: answers, probe } = await probeHealthDuring(server, Promise.all(racers.map((person, index) => signUp(server, person, { inviteToken: token, from: addressOf(31, index) }))));
    expectAnsweredThroughout(probe);

    const joined = answers.filter((answer) => answer.status === 200);
    expect(joined, JSON.stringify(answers.map((answer) => [answer.status, answer.body]))).toHaveLength(1);
    for (const refused of answers.filter((answer) => answer.status !== 200)) {
      expect([refused.status, refused.body?.message]).toEqual([400, "This invite link has already been used — ask a team owner for a new one"]);
      expect(refused.headers.getSetCookie()).toEqual([]);
    }
    expect(await joined[0]!.session!.trpc("teams.me", undefined, "query")).toMatchObject({ team: { name: "My team" }, role: "editor" });
    const after = await server.database.counts();
    expect(after).toEqual({ ...before, users: before.users + 1, accounts: before.accounts + 1, sessions: before.sessions + 1, memberships: before.memberships + 1, audit_events: before.audit_events + 1 });

    await expectRestartKeepsData(server);
  });

  it.skipIf(!database)("10 wrong passwords for the owner with rotating X-Forwarded-For: the header counts for nothing, and the owner still signs in", async () => {
    expect(owner, "needs the owner of the first test").toBeDefined();
    const before = await server.database.counts();
    const attempts = async () => {
      const answers = [];
      for (let attempt = 0; attempt < 10; attempt++) {
        answers.push(await signIn(server, { ...owner!.person, password: "not the owner's password" }, { from: "127.0.0.2", headers: { "x-forwarded-for": `203.0.113.${attempt + 1}` } }));
      }
      return answers;
    };
    const { result: answers, probe } = await probeHealthDuring(server, attempts());
    expectAnsweredThroughout(probe);
    // Served directly, the connection's address counts: five tries a minute from it, then 429.
    expect(answers.map((answer) => answer.status)).toEqual([...Array(5).fill(401), ...Array(5).fill(429)]);
    expect(answers.every((answer) => answer.session === null)).toBe(true);

    const signedIn = await signIn(server, owner!.person, { from: "127.0.0.3" });
    expect(signedIn.status).toBe(200);
    expect(await signedIn.session!.trpc("teams.me", undefined, "query")).toMatchObject({ role: "owner" });
    const after = await server.database.counts();
    expect(after).toEqual({ ...before, sessions: before.sessions + 1 });

    // Restarted behind a reverse proxy, for the next test.
    await expectRestartKeepsData(server, { env: { ORKA_TRUST_PROXY: "1" } });
  });

  it.skipIf(!database)("behind one trusted proxy: 10 wrong passwords from rotating addresses, then the owner signs in from theirs", async () => {
    expect(owner, "needs the owner of the first test, and the server restarted behind a proxy by the test before").toBeDefined();
    const before = await server.database.counts();
    const attempts = async () => {
      const answers = [];
      for (let attempt = 0; attempt < 10; attempt++) {
        answers.push(await signIn(server, { ...owner!.person, password: "not the owner's password" }, { headers: { "x-forwarded-for": `203.0.113.${attempt + 101}` } }));
      }
      return answers;
    };
    const { result: answers, probe } = await probeHealthDuring(server, attempts());
    expectAnsweredThroughout(probe);
    // Each address is new to both limits: every guess is checked, and refused.
    expect(answers.map((answer) => answer.status)).toEqual(Array(10).fill(401));

    const signedIn = await signIn(server, owner!.person, { headers: { "x-forwarded-for": "192.0.2.10" } });
    expect(signedIn.status).toBe(200);
    expect(await server.database.counts()).toEqual({ ...before, sessions: before.sessions + 1 });

    await expectRestartKeepsData(server);
  });
});
