interface Waiting<V> {
  resolve(value: V | null): void;
  reject(error: unknown): void;
}

/**
 * One read for many concurrent asks: the keys asked for during one turn of the event loop are read
 * together with `readMany` (one round trip instead of one each), with at most one such read in flight
 * and the next gathering meanwhile, at most `maxKeys` keys a read. Every read begins after the asks
 * it answers, so nothing is answered from older rows than a read of its own would give (no cache).
 * `readMany` resolves with the values it found by key; a key it leaves out answers null. A failed
 * read fails all its asks; the next read is tried afresh.
 *
 * @example
 * const loadRun = batchedReads(async (ids) => new Map((await store.loadRuns(ids)).map((run) => [run.run.id, run])));
 * const stored = await loadRun(runId); // null: no such run
 */
export function batchedReads<K, V>(readMany: (keys: K[]) => Promise<Map<K, V>>, { maxKeys = 200 }: { maxKeys?: number } = {}): (key: K) => Promise<V | null> {
  let waiting = new Map<K, Waiting<V>[]>();
  let busy = false;

  const readAll = async (): Promise<void> => {
    while (waiting.size > 0) {
      const batch = waiting;
      waiting = new Map();
      const keys = [...batch.keys()];
      for (let start = 0; start < keys.length; start += maxKeys) {
        const chunk = keys.slice(start, start + maxKeys);
        try {
          const found = await readMany(chunk);
          for (const key of chunk) for (const waiter of batch.get(key)!) waiter.resolve(found.get(key) ?? null);
        } catch (error) {
          for (const key of chunk) for (const waiter of batch.get(key)!) waiter.reject(error);
        }
      }
    }
    busy = false;
  };

  return (key) =>
    new Promise<V | null>((resolve, reject) => {
      const list = waiting.get(key);
      if (list) list.push({ resolve, reject });
      else waiting.set(key, [{ resolve, reject }]);
      if (busy) return;
      busy = true;
      // After this turn of the event loop: what else it asks for (many requests, or many waiters a read woke) joins.
      setImmediate(() => void readAll());
    });
}
