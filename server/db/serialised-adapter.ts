import type { SqlDriverAdapterFactory } from "@prisma/client/runtime/client";
import { AsyncLock } from "./async-lock";

type SqlDriverAdapter = Awaited<ReturnType<SqlDriverAdapterFactory["connect"]>>;
type Transaction = Awaited<ReturnType<SqlDriverAdapter["startTransaction"]>>;
type SqlQuery = Parameters<Transaction["executeRaw"]>[0];

/**
 * For a driver adapter with a single connection (better-sqlite3), which on its own serialises
 * only transactions: any other query would run on the connection while a transaction is open,
 * i.e. inside it (vanishing in its rollback, seeing its uncommitted rows). Here the connection
 * serves one transaction, from start to end, or one query outside any, first come first served.
 */
export function serialiseConnection(factory: SqlDriverAdapterFactory): SqlDriverAdapterFactory {
  return {
    provider: factory.provider,
    adapterName: factory.adapterName,
    connect: async () => serialised(await factory.connect(), new AsyncLock()),
  };
}

/** Runs `script` (per-connection PRAGMAs) on each connection the adapter opens, before any query. */
export function withSetupScript(factory: SqlDriverAdapterFactory, script: string): SqlDriverAdapterFactory {
  return {
    provider: factory.provider,
    adapterName: factory.adapterName,
    async connect() {
      const adapter = await factory.connect();
      await adapter.executeScript(script);
      return adapter;
    },
  };
}

function serialised(adapter: SqlDriverAdapter, connection: AsyncLock): SqlDriverAdapter {
  return {
    provider: adapter.provider,
    adapterName: adapter.adapterName,
    queryRaw: (query) => connection.run(() => adapter.queryRaw(query)),
    executeRaw: (query) => connection.run(() => adapter.executeRaw(query)),
    executeScript: (script) => connection.run(() => adapter.executeScript(script)),
    async startTransaction(isolationLevel) {
      const release = await connection.acquire();
      try {
        return holdingUntilEnd(await adapter.startTransaction(isolationLevel), release);
      } catch (error) {
        release();
        throw error;
      }
    },
    getConnectionInfo: adapter.getConnectionInfo?.bind(adapter),
    dispose: () => adapter.dispose(),
  };
}

/**
 * Releases the connection when the transaction ends. Prisma ends one by running COMMIT or ROLLBACK
 * and then calling `commit()`/`rollback()`; when that statement fails (a deferred foreign key at
 * COMMIT) it calls neither, which would leave the connection inside the transaction and every
 * later query waiting: so the transaction is rolled back and the connection released here.
 */
function holdingUntilEnd(transaction: Transaction, release: () => void): Transaction {
  const end = async (finish: () => Promise<void>) => {
    try {
      await finish();
    } finally {
      release();
    }
  };
  return {
    provider: transaction.provider,
    adapterName: transaction.adapterName,
    options: transaction.options,
    queryRaw: (query) => transaction.queryRaw(query),
    async executeRaw(query) {
      try {
        return await transaction.executeRaw(query);
      } catch (error) {
        if (endsTransaction(query)) await end(() => abandon(transaction));
        throw error;
      }
    },
    commit: () => end(() => transaction.commit()),
    rollback: () => end(() => transaction.rollback()),
  };
}

function endsTransaction(query: SqlQuery): boolean {
  return /^\s*(COMMIT|ROLLBACK)\s*$/i.test(query.sql);
}

async function abandon(transaction: Transaction): Promise<void> {
  // Fails harmlessly when SQLite already ended the transaction itself.
  await transaction.executeRaw({ sql: "ROLLBACK", args: [], argTypes: [] }).catch(() => undefined);
  await transaction.rollback();
}
