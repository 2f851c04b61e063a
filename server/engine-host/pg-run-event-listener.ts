import pg from "pg";
import { stderrLogger, type Logger } from "../../engine/index";

/** The channel the `run_events_notify` trigger (prisma/postgres/migrations/…_run_events_notify) notifies. */
export const runEventsChannel = "orka_run_events";
/** The payload that names no runs: read every run you watch. */
const everyRun = "*";

/** Where a feed hears of events other processes committed. */
export interface RunEventWakeups {
  /** Starts listening; `wake` gets the ids of runs with new events, `wakeAll` asks to read every watched run. */
  start(targets: { wake(runIds: readonly string[]): void; wakeAll(): void }): void;
  stop(): Promise<void>;
}

export interface PgRunEventListenerOptions {
  url: string;
  logger?: Logger;
  /** First wait before reconnecting a lost connection; doubled after each failure up to `maxReconnectMs`. */
  reconnectMs?: number;
  maxReconnectMs?: number;
}

/**
 * LISTENs on one dedicated PostgreSQL connection (not a pooled one: a pool would hand the session
 * back and its LISTEN with it) for the run ids that commits of any process wrote events for.
 * A lost connection is reconnected with backoff; each time LISTEN is in place again — the first
 * time too — `wakeAll` asks the feed to read every watched run after its cursor, which fills in
 * whatever was committed while nobody listened, with no gap and (the feed reads by cursor) no
 * duplicate.
 */
export class PgRunEventListener implements RunEventWakeups {
  private client: pg.Client | null = null;
  private timer: NodeJS.Timeout | null = null;
  private failures = 0;
  private stopped = false;
  private targets: Parameters<RunEventWakeups["start"]>[0] | null = null;
  private readonly logger: Logger;
  private readonly reconnectMs: number;
  private readonly maxReconnectMs: number;
  /** Resolves each time LISTEN is in place (tests wait for it). */
  private listeningWaiters: (() => void)[] = [];
  private listening = false;

  constructor(private readonly options: PgRunEventListenerOptions) {
    this.logger = options.logger ?? stderrLogger;
    this.reconnectMs = options.reconnectMs ?? 100;
    this.maxReconnectMs = options.maxReconnectMs ?? 5_000;
  }

  start(targets: Parameters<RunEventWakeups["start"]>[0]): void {
    if (this.targets) return;
    this.targets = targets;
    void this.connect();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    const client = this.client;
    this.client = null;
    this.listening = false;
    await client?.end().catch(() => undefined);
  }

  /** Resolves once LISTEN is in place (at once when it is). */
  whenListening(): Promise<void> {
    if (this.listening) return Promise.resolve();
    return new Promise((resolve) => this.listeningWaiters.push(resolve));
  }

  /** The backend pid of the listening connection (tests terminate it), or null while none is. */
  get backendPid(): number | null {
    const pid = (this.client as (pg.Client & { processID?: number }) | null)?.processID;
    return this.listening && typeof pid === "number" ? pid : null;
  }

  private async connect(): Promise<void> {
    if (this.stopped) return;
    const client = new pg.Client({ connectionString: this.options.url, keepAlive: true });
    this.client = client;
    let lost = false;
    const onLost = (error?: Error) => {
      if (lost) return;
      lost = true;
      client.removeAllListeners("notification");
      client.end().catch(() => undefined);
      if (this.client !== client || this.stopped) return;
      this.client = null;
      this.listening = false;
      if (this.failures++ === 0) this.logger.warn("run events: the PostgreSQL listener lost its connection; reconnecting", error?.message ?? "connection ended");
      this.scheduleReconnect();
    };
    client.on("error", onLost);
    client.on("end", () => onLost());
    client.on("notification", (message) => {
      if (message.channel !== runEventsChannel || !message.payload) return;
      if (message.payload === everyRun) this.targets?.wakeAll();
      else this.targets?.wake(message.payload.split(","));
    });
    try {
      await client.connect();
      await client.query(`LISTEN ${runEventsChannel}`);
    } catch (error) {
      onLost(error as Error);
      return;
    }
    if (lost || this.client !== client) return;
    if (this.failures > 0) this.logger.info("run events: the PostgreSQL listener is back; reading what was missed");
    this.failures = 0;
    this.listening = true;
    // Anything committed before LISTEN took effect came with no notification: read it now.
    this.targets?.wakeAll();
    for (const resolve of this.listeningWaiters.splice(0)) resolve();
  }

  private scheduleReconnect(): void {
    if (this.stopped || this.timer) return;
    const delayMs = Math.min(this.reconnectMs * 2 ** Math.max(0, this.failures - 1), this.maxReconnectMs);
    this.timer = setTimeout(() => {
      this.timer = null;
      void this.connect();
    }, delayMs);
    this.timer.unref();
  }
}
