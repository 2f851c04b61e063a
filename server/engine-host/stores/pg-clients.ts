import type pg from "pg";

/**
 * Lends a pooled client to `use`. A checked-out client has no listener of the pool's, so a backend
 * terminated meanwhile would crash the process: the error is caught here and the client destroyed
 * on release instead of handed on.
 */
export async function withPgClient<T>(pool: pg.Pool, use: (client: pg.PoolClient, markBroken: (error: Error) => void) => Promise<T>): Promise<T> {
  const client = await pool.connect();
  let broken: Error | undefined;
  const lost = (error: Error) => (broken = error);
  client.on("error", lost);
  try {
    return await use(client, lost);
  } finally {
    client.off("error", lost);
    client.release(broken);
  }
}

/**
 * Runs `work` in one transaction opened with `begin` (`BEGIN`, or a read-only snapshot). Hazard: a
 * client whose ROLLBACK failed is in an unknown state; it is destroyed, never handed on half-open.
 */
export function inPgTransaction<T>(pool: pg.Pool, begin: string, work: (client: pg.PoolClient) => Promise<T>): Promise<T> {
  return withPgClient(pool, async (client, markBroken) => {
    await client.query(begin);
    try {
      const result = await work(client);
      await client.query("COMMIT");
      return result;
    } catch (error) {
      await client.query("ROLLBACK").catch(markBroken);
      throw error;
    }
  });
}
