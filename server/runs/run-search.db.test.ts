import { afterAll, describe, expect, it } from "vitest";
import { createPrismaClient, type Db, type DbProvider } from "@/server/db/create-prisma-client";
import { createTeamWithMember } from "@/server/testing/members";
import { createPostgresTestDatabase } from "@/server/testing/postgres-test-db";
import { createSqliteTestDb } from "@/server/testing/sqlite-test-db";
import { parseRunSearch, runIdsByInput, type RunSearch } from "./run-search";

// The input search is SQL of each provider's own (json_extract, jsonb): the same cases on both.
const sqlite = await createSqliteTestDb();
const postgres = await createPostgresTestDatabase();
const postgresDb = postgres ? createPrismaClient({ provider: "postgres", url: postgres.url }) : null;

afterAll(async () => {
  await postgresDb?.$disconnect();
  await postgres?.drop();
  await sqlite.cleanup();
});

const inputs: Record<string, unknown> = {
  a: { customer: { id: 42, vip: true, tags: ["gold"] } },
  b: { customer: { id: "42" } },
  c: { customer: { id: 43, vip: false } },
  d: { customer: { id: null } },
  e: { total: 1.5 },
};

const databases: [DbProvider, Db | null][] = [
  ["sqlite", sqlite.db],
  ["postgres", postgresDb],
];

describe.each(databases)("input search on %s", (provider, db) => {
  it.skipIf(!db)("compares a JSON path of the input with a value, in the database, within one team", async () => {
    const ours = await createTeamWithMember(db!, { teamName: "Ours", role: "owner" });
    const theirs = await createTeamWithMember(db!, { teamName: "Theirs", role: "owner" });
    let minute = 0;
    const insert = async (teamId: string, id: string, input: unknown) => {
      const createdAt = new Date(Date.UTC(2026, 0, 1, 0, minute++));
      await db!.run.create({ data: { id, teamId, status: "completed", definition: "{}", input: JSON.stringify(input), createdAt, updatedAt: createdAt } });
    };
    for (const [id, input] of Object.entries(inputs)) await insert(ours.team.id, `${provider}-${id}`, input);
    await insert(theirs.team.id, `${provider}-theirs`, inputs.a);
    const found = async (text: string) => {
      const search = parseRunSearch(text) as Extract<RunSearch, { kind: "input" }>;
      return (await runIdsByInput(db!, provider, ours.team.id, search)).map((id) => id.slice(provider.length + 1));
    };
    expect(await found("customer.id = 42")).toEqual(["a"]);
    expect(await found('customer.id = "42"')).toEqual(["b"]);
    expect(await found("customer.vip = true")).toEqual(["a"]);
    expect(await found("customer.vip = false")).toEqual(["c"]);
    expect(await found("customer.tags[0] = gold")).toEqual(["a"]);
    expect(await found("customer.id = null")).toEqual(["d"]);
    expect(await found("total = 1.5")).toEqual(["e"]);
    expect(await found("customer.id = 44")).toEqual([]);
  });
});

describe("parseRunSearch", () => {
  it("reads `path = value` (JSON values, else text) and run ids; refuses anything else", () => {
    expect(parseRunSearch("$.customer.items[2].sku = ab-1")).toEqual({ kind: "input", path: ["customer", "items", 2, "sku"], value: "ab-1" });
    expect(parseRunSearch("customer.id = 42")).toEqual({ kind: "input", path: ["customer", "id"], value: 42 });
    expect(parseRunSearch("  3f2a9c  ")).toEqual({ kind: "id", prefix: "3f2a9c" });
    expect(parseRunSearch("customer.id =")).toBeNull();
    expect(parseRunSearch("customer id 42")).toBeNull();
  });
});
