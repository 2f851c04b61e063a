import { stderrLogger, type Engine, type Logger, type RunEvent, type RunEventType } from "../../engine/index";
import { getAppDatabase } from "../db/prisma";
import { engineLogger } from "../observability/log";
import { getMetrics } from "../observability/metrics";
import { databaseUrlFromEnv } from "../db/database-url";
import { getEngineHost } from "./engine-host";
import { PgRunEventListener, type RunEventWakeups } from "./pg-run-event-listener";
import { pgRunEventSource, prismaRunEventSource, type RunEventSource } from "./run-event-source";
import { createPgPool } from "./stores/pg-types";

export interface RunEventFeedOptions {
  source: RunEventSource;
  /**
   * Tells the feed which runs other processes committed events for (PostgreSQL: LISTEN/NOTIFY).
   * With it, polling is only a safety net; without it, the poll is how other processes' events arrive.
   */
  wakeups?: RunEventWakeups;
  /** How often runs that may still change are read (without `wakeups`, events of other processes arrive this late). Default 250 ms, 5 s with `wakeups`. */
  pollMs?: number;
  /** How often failed runs are read: an operator in another process may resume them. Default 2 s, `pollMs` with `wakeups`. */
  failedPollMs?: number;
  /** Events read per query; a full batch reads again at once. */
  batchLimit?: number;
  logger?: Logger;
}

/** Live events of one run, in `seq` order, as batches; ends when closed or its signal aborts. */
export interface RunEventSubscription extends AsyncIterable<RunEvent[]> {
  /** Every event of the run is delivered, from its first (asked for with `fromStart`, and nobody watched the run before). */
  readonly fromStart: boolean;
  close(): void;
}

export interface SubscribeOptions {
  /**
   * For a run this process just committed with no events (a start for a worker to run): deliver every
   * event from the run's first, read in the next read of the feed (shared with the other runs due),
   * instead of one query for where the run stands now. When the run is watched already, the
   * subscription starts where the watch stands (`fromStart` false).
   */
  fromStart?: boolean;
}

/** Completed and cancelled runs never change again; a failed one can be resumed by an operator. */
type Phase = "live" | "failed" | "final";

interface WatchedRun {
  /** Highest `seq` read (events at or below it were handed out or predate every subscriber). */
  cursor: number;
  phase: Phase;
  initialized: boolean;
  ready: Promise<void>;
  /** An in-process commit wrote events of this run: read it on the next tick, poll due or not. */
  woken: boolean;
  /** When a failed run is read next (live runs are read together, see `RunEventFeed.nextLivePollAt`). */
  nextPollAt: number;
  subscribers: Set<Subscriber>;
}

const cursorsPerQuery = 200;
/** The first wait before reading again after a failed read; doubled after each further failure. */
const retryBaseMs = 250;

/**
 * One per process: reads new run events from the database for every run someone subscribed to and
 * hands each batch to that run's subscribers. A wake-up reads just the runs a commit wrote, so the
 * query a commit waits for stays small however many runs are watched: on PostgreSQL every commit,
 * in any process, notifies (`wakeups`); on SQLite a commit of an engine in this process wakes the
 * feed (`follow`). Every `pollMs` one query reads all live runs: on SQLite this is how other
 * processes' commits arrive, on PostgreSQL a safety net.
 *
 * A subscriber receives every event committed after the moment it subscribed (it may also receive
 * some before): subscribe first, then backfill from the database, and skip what the backfill gave.
 *
 * @example
 * const live = await feed.subscribe(runId, signal); // first, or events are lost
 * const missed = await feed.read(runId, lastSeq, 500);
 * for await (const batch of live) for (const event of batch) if (event.seq > lastSeq) use(event);
 */
export class RunEventFeed {
  private readonly runs = new Map<string, WatchedRun>();
  private readonly pollMs: number;
  private readonly failedPollMs: number;
  private readonly batchLimit: number;
  private readonly logger: Logger;
  private readonly unfollow = new Set<() => void>();
  private timer: NodeJS.Timeout | null = null;
  private ticking = false;
  private again = false;
  private failures = 0;
  private closed = false;
  /** When the next tick reads every live run (not only woken ones). */
  private nextLivePollAt = 0;
  private listening = false;
  private stopping: Promise<void> = Promise.resolve();

  constructor(private readonly options: RunEventFeedOptions) {
    this.pollMs = options.pollMs ?? (options.wakeups ? 5_000 : 250);
    this.failedPollMs = options.failedPollMs ?? (options.wakeups ? this.pollMs : 2_000);
    this.batchLimit = options.batchLimit ?? 1_000;
    this.logger = options.logger ?? stderrLogger;
  }

  /** Events of one run after `afterSeq`, straight from the database: for backfills. */
  read(runId: string, afterSeq: number, limit: number): Promise<RunEvent[]> {
    return this.options.source.read([{ runId, afterSeq }], limit);
  }

  /** Starts delivering `runId`'s new events; resolves once the feed knows where the run stands. */
  async subscribe(runId: string, signal?: AbortSignal, { fromStart = false }: SubscribeOptions = {}): Promise<RunEventSubscription> {
    if (this.closed) throw new Error("the run event feed is closed");
    this.listen();
    const known = this.runs.get(runId);
    const watched = known ?? this.watch(runId, fromStart);
    const onAbort = () => subscriber.close();
    const subscriber = new Subscriber(!known && fromStart, () => {
      signal?.removeEventListener("abort", onAbort);
      watched.subscribers.delete(subscriber);
      if (watched.subscribers.size === 0 && this.runs.get(runId) === watched) this.runs.delete(runId);
    });
    watched.subscribers.add(subscriber);
    signal?.addEventListener("abort", onAbort, { once: true });
    if (signal?.aborted) subscriber.close();
    try {
      await watched.ready;
    } catch (error) {
      subscriber.close();
      throw error;
    }
    if (!known && fromStart) {
      // Read in the next tick with the other runs due: what was committed before it watched the run included.
      if (!this.timer && !this.ticking) this.nextLivePollAt = Date.now() + this.pollMs;
      this.readSoon();
    } else if (!this.timer && !this.ticking) {
      this.nextLivePollAt = Date.now() + this.pollMs;
      this.arm(this.pollMs);
    }
    return subscriber;
  }

  /** Reads these runs at once (those nobody subscribed to are ignored). */
  wake(runIds: Iterable<string>): void {
    let any = false;
    for (const runId of runIds) {
      const watched = this.runs.get(runId);
      if (watched) any = watched.woken = true;
    }
    if (any) this.readSoon();
  }

  /** Reads every watched run after its cursor: after a wake-up was missed, or names no runs. */
  wakeAll(): void {
    for (const watched of this.runs.values()) watched.woken = true;
    if (this.runs.size > 0) this.readSoon();
  }

  /** Wakes the feed on every commit of `engine`; returns the function that stops it. */
  follow(engine: Pick<Engine, "onCommitted">): () => void {
    const stop = engine.onCommitted((runIds) => this.wake(runIds));
    this.unfollow.add(stop);
    return () => {
      stop();
      this.unfollow.delete(stop);
    };
  }

  /** Ends every subscription and stops polling and listening (`stopped` resolves once it has). */
  close(): void {
    this.closed = true;
    if (this.listening) this.stopping = this.options.wakeups!.stop();
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    for (const stop of this.unfollow) stop();
    for (const watched of [...this.runs.values()]) for (const subscriber of [...watched.subscribers]) subscriber.close();
  }

  /** Resolves once a closed feed stopped listening. */
  get stopped(): Promise<void> {
    return this.stopping;
  }

  /** Subscriptions open now, over all runs (the event-stream clients of the metrics). */
  get subscriberCount(): number {
    let count = 0;
    for (const watched of this.runs.values()) count += watched.subscribers.size;
    return count;
  }

  /** Runs watched now (for tests and diagnostics). */
  get watchedRuns(): number {
    return this.runs.size;
  }

  /** `fromStart`: the run has no events to skip; its cursor is 0 and the next tick reads it. */
  private watch(runId: string, fromStart = false): WatchedRun {
    const watched: WatchedRun = { cursor: 0, phase: "live", initialized: fromStart, ready: Promise.resolve(), woken: fromStart, nextPollAt: 0, subscribers: new Set() };
    if (fromStart) {
      this.runs.set(runId, watched);
      return watched;
    }
    // Start at the run's last event: every subscriber backfills after it subscribes, so what is
    // already in the database is theirs to read, and the feed never reads a long history twice.
    watched.ready = this.options.source.last(runId).then(
      (last) => {
        watched.cursor = last?.seq ?? 0;
        this.enter(watched, last?.type, Date.now());
        watched.initialized = true;
        // Woken while its start was read: the wake-up was skipped, so read it now.
        if (watched.woken) this.readSoon();
      },
      (error: unknown) => {
        if (this.runs.get(runId) === watched) this.runs.delete(runId);
        throw error;
      },
    );
    this.runs.set(runId, watched);
    return watched;
  }

  private enter(watched: WatchedRun, lastType: RunEventType | undefined, now: number): void {
    watched.phase = lastType === "run.completed" || lastType === "run.cancelled" ? "final" : lastType === "run.failed" ? "failed" : "live";
    if (watched.phase === "failed") watched.nextPollAt = now + this.failedPollMs;
  }

  private listen(): void {
    if (this.listening || !this.options.wakeups) return;
    this.listening = true;
    this.options.wakeups.start({ wake: (runIds) => this.wake(runIds), wakeAll: () => this.wakeAll() });
  }

  private readSoon(): void {
    if (this.ticking) this.again = true;
    else this.arm(0);
  }

  private arm(delayMs: number): void {
    if (this.closed) return;
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = null;
      void this.tick();
    }, delayMs);
    this.timer.unref(); // an idle feed must not keep the process (or a test worker) alive
  }

  private async tick(): Promise<void> {
    if (this.ticking || this.closed) return;
    this.ticking = true;
    let full = false;
    try {
      full = await this.poll();
      this.failures = 0;
    } catch (error) {
      if (this.failures++ === 0) this.logger.error("reading run events failed; retrying with backoff", error);
    } finally {
      this.ticking = false;
    }
    const again = this.again || full;
    this.again = false;
    if (this.runs.size === 0) return;
    // Retried on its own schedule, not the poll's: with a 5 s safety poll a failed wake-up must not wait 10 s.
    if (this.failures > 0) this.arm(Math.min(retryBaseMs * 2 ** this.failures, 10_000));
    else this.arm(again ? 0 : Math.max(0, this.nextLivePollAt - Date.now()));
  }

  /**
   * One read of every due run: the woken ones, and on the poll interval every live run and the failed
   * ones whose turn it is. True when a batch came back full (more to read).
   */
  private async poll(): Promise<boolean> {
    const now = Date.now();
    const pollLive = now >= this.nextLivePollAt;
    if (pollLive) this.nextLivePollAt = now + this.pollMs;
    const due: [string, WatchedRun][] = [];
    for (const [runId, watched] of this.runs) {
      if (!watched.initialized) continue;
      if (watched.woken || (pollLive && watched.phase === "live") || (watched.phase === "failed" && now >= watched.nextPollAt)) due.push([runId, watched]);
      watched.woken = false;
    }
    let full = false;
    for (let start = 0; start < due.length; start += cursorsPerQuery) {
      const chunk = due.slice(start, start + cursorsPerQuery);
      let events: RunEvent[];
      try {
        events = await this.options.source.read(chunk.map(([runId, watched]) => ({ runId, afterSeq: watched.cursor })), this.batchLimit);
      } catch (error) {
        // Read these again on the next try, poll due or not: a woken run must not wait for the poll.
        for (const [, watched] of due.slice(start)) watched.woken = true;
        throw error;
      }
      if (events.length >= this.batchLimit) {
        full = true;
        for (const [, watched] of chunk) watched.woken = true; // the rest of their events: on the next tick
      }
      const byRun = new Map<string, RunEvent[]>();
      for (const event of events) {
        const list = byRun.get(event.runId);
        if (list) list.push(event);
        else byRun.set(event.runId, [event]);
      }
      for (const [runId, watched] of chunk) this.deliver(watched, runId, byRun.get(runId) ?? [], now);
    }
    return full;
  }

  private deliver(watched: WatchedRun, runId: string, events: RunEvent[], now: number): void {
    if (this.runs.get(runId) !== watched) return; // nobody listens any more
    const fresh = events.filter((event) => event.seq > watched.cursor);
    if (fresh.length === 0) {
      if (watched.phase === "failed") watched.nextPollAt = now + this.failedPollMs;
      return;
    }
    watched.cursor = fresh.at(-1)!.seq;
    this.enter(watched, fresh.at(-1)!.type, now);
    for (const subscriber of watched.subscribers) subscriber.push(fresh);
  }
}

/** One subscriber's queue of batches. */
class Subscriber implements RunEventSubscription {
  private readonly queue: RunEvent[][] = [];
  private wakeUp: (() => void) | null = null;
  private closed = false;

  constructor(
    readonly fromStart: boolean,
    private readonly onClose: () => void,
  ) {}

  push(events: RunEvent[]): void {
    if (this.closed) return;
    this.queue.push(events);
    this.wakeUp?.();
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.onClose();
    this.wakeUp?.();
  }

  async *[Symbol.asyncIterator](): AsyncGenerator<RunEvent[], void> {
    try {
      for (;;) {
        const batch = this.queue.shift();
        if (batch) yield batch;
        else if (this.closed) return;
        else await new Promise<void>((resolve) => (this.wakeUp = resolve));
        this.wakeUp = null;
      }
    } finally {
      this.close();
    }
  }
}

// Next evaluates server modules several times: one feed (one poller) per process.
const globalForFeed = globalThis as typeof globalThis & { orkaRunEventFeed?: RunEventFeed };

/**
 * The process's feed over `DATABASE_URL`: on PostgreSQL woken by every commit of any process
 * (LISTEN/NOTIFY), on SQLite by the embedded engine's commits.
 */
export function getRunEventFeed(): RunEventFeed {
  if (!globalForFeed.orkaRunEventFeed) {
    const target = databaseUrlFromEnv();
    const logger = engineLogger();
    const wakeups = target.provider === "postgres" ? new PgRunEventListener({ url: target.url, logger }) : undefined;
    // On PostgreSQL through a small pool of its own (idle connections do not keep the process up); elsewhere through Prisma.
    const source = target.provider === "postgres" ? pgRunEventSource(createPgPool(target.url, { max: 4, allowExitOnIdle: true })) : prismaRunEventSource(getAppDatabase().db);
    const feed = new RunEventFeed({ source, wakeups, logger });
    globalForFeed.orkaRunEventFeed = feed;
    getMetrics().sources.eventStreamClients = () => feed.subscriberCount;
    // PostgreSQL notifies the feed of every commit, this process's engine's too.
    if (!wakeups) {
      // Without the engine the feed still works, by polling alone.
      getEngineHost().then(
        (host) => feed.follow(host.engine),
        (error: unknown) => logger.error("the run event feed only polls: the engine did not start", error),
      );
    }
  }
  return globalForFeed.orkaRunEventFeed;
}
