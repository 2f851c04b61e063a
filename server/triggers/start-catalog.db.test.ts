import { afterAll, describe, expect, it } from "vitest";
import { createPrismaClient } from "../db/create-prisma-client";
import { createPostgresTestDatabase } from "../testing/postgres-test-db";
import { PgRunStore } from "../engine-host/stores/pg-run-store";
import { pgStartCatalog } from "./start-catalog";

// On PostgreSQL the tokens of concurrent webhook starts are read together: each start must still get
// its own workflow and that workflow's latest version, and a token changed since is seen by the next read.
const postgres = await createPostgresTestDatabase();
afterAll(async () => {
  await postgres?.drop();
});

describe.skipIf(!postgres)("the start catalog on PostgreSQL", () => {
  it("answers concurrent webhook lookups, read in one statement, each with its own workflow and latest version; an unknown token with null", async () => {
    const db = createPrismaClient({ provider: "postgres", url: postgres!.url });
    const store = await PgRunStore.open(postgres!.url);
    try {
      const team = await db.team.create({ data: { name: "Hooks", slug: "hooks" } });
      const make = async (name: string, versions: number) => {
        const workflow = await db.workflow.create({ data: { teamId: team.id, name, draft: "{}" } });
        for (let number = 1; number <= versions; number++) await db.workflowVersion.create({ data: { workflowId: workflow.id, number, definition: "{}" } });
        await db.workflowWebhook.create({ data: { workflowId: workflow.id, tokenHash: `${name}-hash` } });
        return workflow.id;
      };
      const [first, second] = [await make("first", 1), await make("second", 3)];
      let statements = 0;
      store.pool.on("acquire", () => statements++);
      const catalog = pgStartCatalog(store.pool);
      const found = await Promise.all(["first-hash", "second-hash", "nobody-hash", "first-hash"].map((hash) => catalog.findWebhook(hash)));
      expect(found.map((owner) => owner && [owner.workflowId, owner.teamId, owner.published.name, owner.published.version?.number])).toEqual([
        [first, team.id, "first", 1],
        [second, team.id, "second", 3],
        null,
        [first, team.id, "first", 1],
      ]);
      expect(statements).toBe(1);
      // Not a cache: a token rotated since answers null on the next lookup.
      await db.workflowWebhook.update({ where: { workflowId: first }, data: { tokenHash: "rotated-hash" } });
      expect(await catalog.findWebhook("first-hash")).toBeNull();
      expect((await catalog.findWebhook("rotated-hash"))?.workflowId).toBe(first);
    } finally {
      await store.close();
      await db.$disconnect();
    }
  });
});
