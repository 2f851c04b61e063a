import "server-only";
import type Database from "better-sqlite3";
import type pg from "pg";
import type { Engine, PreparedDefinition, RunStore } from "@/engine";
import type { Db } from "@/server/db/create-prisma-client";
import { PgRunStore } from "@/server/engine-host/stores/pg-run-store";
import { SqliteRunStore } from "@/server/engine-host/stores/sqlite-run-store";

export interface WebhookOwner {
  workflowId: string;
  teamId: string;
  /** The workflow and its latest version, read with the token (one round trip for a webhook start). */
  published: PublishedWorkflow;
}

export interface PublishedWorkflow {
  name: string;
  /** The requested version, or the latest when none was named; null when there is no such version. */
  version: { id: string; number: number } | null;
}

/**
 * What a run start reads: which workflow a webhook token starts, the workflow's published version
 * and its definition. Read on every start and never cached (a rotated token or a new version is
 * seen by the very next request, in this process or another); only the definitions of versions,
 * which never change, are kept (`preparedDefinition`).
 */
export interface StartCatalog {
  findWebhook(tokenHash: string): Promise<WebhookOwner | null>;
  findPublished(teamId: string, workflowId: string, version: number | undefined): Promise<PublishedWorkflow | null>;
  readDefinition(versionId: string): Promise<string | null>;
}

/**
 * The catalog on the engine store's own connection when it has one (no ORM on the hot path, and on
 * SQLite no second connection contending for the file), otherwise through Prisma.
 */
export function startCatalogFor(store: RunStore | null, db: Db): StartCatalog {
  if (store instanceof SqliteRunStore) return sqliteStartCatalog(store.database);
  if (store instanceof PgRunStore) return pgStartCatalog(store.pool);
  return prismaStartCatalog(db);
}

const findWebhookSql = `
SELECT w.workflow_id AS "workflowId", f.team_id AS "teamId", f.name AS "name", v.id AS "versionId", v.number AS "number"
FROM workflow_webhooks w
JOIN workflows f ON f.id = w.workflow_id
LEFT JOIN workflow_versions v ON v.workflow_id = f.id
  AND v.number = (SELECT MAX(number) FROM workflow_versions WHERE workflow_id = f.id)
WHERE w.token_hash = $1`;
// $3 is the version number asked for, or NULL for the latest.
const findPublishedSql = `
SELECT f.name AS "name", v.id AS "versionId", v.number AS "number"
FROM workflows f
LEFT JOIN workflow_versions v ON v.workflow_id = f.id
  AND v.number = COALESCE($3, (SELECT MAX(number) FROM workflow_versions WHERE workflow_id = f.id))
WHERE f.id = $1 AND f.team_id = $2`;
const readDefinitionSql = `SELECT definition FROM workflow_versions WHERE id = $1`;

interface PublishedRecord {
  name: string;
  versionId: string | null;
  number: number | null;
}

interface WebhookRecord extends PublishedRecord {
  workflowId: string;
  teamId: string;
}

function toPublished(record: PublishedRecord | undefined): PublishedWorkflow | null {
  if (!record) return null;
  return { name: record.name, version: record.versionId === null ? null : { id: record.versionId, number: Number(record.number) } };
}

function toWebhookOwner(record: WebhookRecord | undefined): WebhookOwner | null {
  return record ? { workflowId: record.workflowId, teamId: record.teamId, published: toPublished(record)! } : null;
}

/** The statements are written once with PostgreSQL's `$n`; better-sqlite3 binds them as named `@pn` from an object. */
const forSqlite = (sql: string) => sql.replace(/\$(\d+)/g, "@p$1");

export function sqliteStartCatalog(database: Database.Database): StartCatalog {
  const findWebhook = database.prepare<[{ p1: string }], WebhookRecord>(forSqlite(findWebhookSql));
  const findPublished = database.prepare<[{ p1: string; p2: string; p3: number | null }], PublishedRecord>(forSqlite(findPublishedSql));
  const readDefinition = database.prepare<[{ p1: string }], string>(forSqlite(readDefinitionSql)).pluck();
  return {
    findWebhook: async (tokenHash) => toWebhookOwner(findWebhook.get({ p1: tokenHash })),
    findPublished: async (teamId, workflowId, version) => toPublished(findPublished.get({ p1: workflowId, p2: teamId, p3: version ?? null })),
    readDefinition: async (versionId) => readDefinition.get({ p1: versionId }) ?? null,
  };
}

export function pgStartCatalog(pool: pg.Pool): StartCatalog {
  return {
    async findWebhook(tokenHash) {
      const { rows } = await pool.query<WebhookRecord>({ name: "orka_find_webhook", text: findWebhookSql, values: [tokenHash] });
      return toWebhookOwner(rows[0]);
    },
    async findPublished(teamId, workflowId, version) {
      const { rows } = await pool.query<PublishedRecord>({ name: "orka_find_published", text: findPublishedSql.replace("$3", "$3::int"), values: [workflowId, teamId, version ?? null] });
      return toPublished(rows[0]);
    },
    async readDefinition(versionId) {
      const { rows } = await pool.query<{ definition: string }>({ name: "orka_read_definition", text: readDefinitionSql, values: [versionId] });
      return rows[0]?.definition ?? null;
    },
  };
}

export function prismaStartCatalog(db: Db): StartCatalog {
  const catalog: StartCatalog = {
    async findWebhook(tokenHash) {
      const webhook = await db.workflowWebhook.findUnique({ where: { tokenHash }, select: { workflowId: true, workflow: { select: { teamId: true } } } });
      if (!webhook) return null;
      const published = await catalog.findPublished(webhook.workflow.teamId, webhook.workflowId, undefined);
      return published && { workflowId: webhook.workflowId, teamId: webhook.workflow.teamId, published };
    },
    async findPublished(teamId, workflowId, version) {
      const workflow = await db.workflow.findFirst({ where: { id: workflowId, teamId }, select: { name: true } });
      if (!workflow) return null;
      const found = await db.workflowVersion.findFirst({
        where: { workflowId, ...(version === undefined ? {} : { number: version }) },
        orderBy: { number: "desc" },
        select: { id: true, number: true },
      });
      return { name: workflow.name, version: found };
    },
    async readDefinition(versionId) {
      return (await db.workflowVersion.findUnique({ where: { id: versionId }, select: { definition: true } }))?.definition ?? null;
    },
  };
  return catalog;
}

/** Versions kept per engine; past it the oldest are dropped (and prepared again when started). */
const preparedVersionsKept = 500;
const preparedByEngine = new WeakMap<Engine, Map<string, PreparedDefinition>>();

/**
 * A published version's definition, parsed and validated once per engine: a version never changes.
 * Throws the engine's `ValidationError` for a definition it refuses (never kept).
 */
export async function preparedDefinition(catalog: StartCatalog, engine: Engine, versionId: string): Promise<PreparedDefinition> {
  let prepared = preparedByEngine.get(engine);
  if (!prepared) preparedByEngine.set(engine, (prepared = new Map()));
  const known = prepared.get(versionId);
  if (known) return known;
  const text = await catalog.readDefinition(versionId);
  if (text === null) throw new Error(`version ${versionId} disappeared while a run of it was starting`);
  const handle = engine.prepareDefinition(JSON.parse(text) as unknown);
  if (prepared.size >= preparedVersionsKept) prepared.delete(prepared.keys().next().value!);
  prepared.set(versionId, handle);
  return handle;
}
