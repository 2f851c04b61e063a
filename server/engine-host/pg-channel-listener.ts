import pg from "pg";

/**
 * LISTENs on one PostgreSQL channel over a dedicated connection (a pooled one would hand the
 * session, and its LISTEN, back) and calls `onNotify` for each notification. A lost connection is
 * reconnected with backoff, and `onNotify` is called once LISTEN is in place again (the first time
 * too): notifications sent meanwhile are lost, so the listener's owner looks at the table then.
 *
 * @example
 * const listener = listenOn(url, "orka_run_commands", () => processor.wake());
 * await listener.close();
 */
export function listenOn(connection: string | pg.ClientConfig, channel: string, onNotify: () => void): { close(): Promise<void> } {
  let client: pg.Client | null = null;
  let timer: NodeJS.Timeout | null = null;
  let failures = 0;
  let closed = false;

  const connect = async () => {
    if (closed) return;
    const current = new pg.Client(typeof connection === "string" ? { connectionString: connection, keepAlive: true } : { ...connection, keepAlive: true });
    client = current;
    let lost = false;
    const onLost = () => {
      if (lost) return;
      lost = true;
      current.end().catch(() => undefined);
      if (client !== current || closed) return;
      client = null;
      timer = setTimeout(() => void connect(), Math.min(100 * 2 ** failures++, 5_000));
      timer.unref();
    };
    current.on("error", onLost);
    current.on("end", onLost);
    current.on("notification", (message) => message.channel === channel && onNotify());
    try {
      await current.connect();
      await current.query(`LISTEN ${channel}`);
    } catch {
      return onLost();
    }
    failures = 0;
    if (!lost) onNotify();
  };
  void connect();

  return {
    async close() {
      closed = true;
      if (timer) clearTimeout(timer);
      const current = client;
      client = null;
      await current?.end().catch(() => undefined);
    },
  };
}
