import type pg from "pg";

/** The channel listeners of run events hear (server/engine-host/pg-run-event-listener.ts). */
const channel = "orka_run_events";
/** A notification's payload stays under PostgreSQL's 8000-byte limit; an id that cannot be listed is sent as "*" (read every run). */
const maxPayloadBytes = 7900;
const maxIdBytes = 7000;
const everyRun = "*";

/**
 * Tells listeners which runs the store's commits wrote events for, after those commits are
 * durable. The commit statement does not NOTIFY itself (it sets `orka.run_events_notify` so the
 * `run_events_notify` trigger, which still serves every other writer, stays silent): a NOTIFY in a
 * transaction takes a lock that PostgreSQL holds until that transaction's WAL is flushed, so
 * commits that notify cannot share a WAL flush, across the whole server. Here one statement, in a
 * transaction that writes nothing and so waits for no flush, sends the ids of every commit that
 * ended meanwhile (at most one in flight). A listener reads after hearing, so it sees the events;
 * a notice lost in a crash between a commit and its notice is made good by the listeners' poll.
 */
export class RunEventNotices {
  readonly #pool: pg.Pool;
  readonly #pending = new Set<string>();
  #sending: Promise<void> | null = null;

  constructor(pool: pg.Pool) {
    this.#pool = pool;
  }

  /** Runs whose events a commit just made durable. */
  add(runIds: Iterable<string>): void {
    for (const runId of runIds) this.#pending.add(runId);
    if (this.#pending.size > 0) this.#sending ??= this.#send();
  }

  /** Resolves once every notice added so far is sent (or failed). */
  async flush(): Promise<void> {
    while (this.#sending) await this.#sending;
  }

  async #send(): Promise<void> {
    try {
      while (this.#pending.size > 0) {
        const payloads = runEventPayloads([...this.#pending]);
        this.#pending.clear();
        try {
          await this.#pool.query({ name: "orka_notify_run_events", text: `SELECT pg_notify('${channel}', payload) FROM unnest($1::text[]) AS payload`, values: [payloads] });
        } catch (error) {
          console.warn(`orka: run event notification not sent (listeners poll): ${(error as Error).message}`);
        }
      }
    } finally {
      this.#sending = null;
    }
  }
}

/** Run ids joined by commas into payloads under the limit, as the trigger makes them. */
export function runEventPayloads(runIds: readonly string[]): string[] {
  const payloads: string[] = [];
  let chunk = "";
  let chunkBytes = 0;
  let everyRunSent = false;
  for (const runId of runIds) {
    const bytes = Buffer.byteLength(runId);
    if (runId.includes(",") || bytes > maxIdBytes) {
      if (!everyRunSent) payloads.push(everyRun);
      everyRunSent = true;
      continue;
    }
    if (chunk !== "" && chunkBytes + 1 + bytes >= maxPayloadBytes) {
      payloads.push(chunk);
      chunk = "";
    }
    chunkBytes = chunk === "" ? bytes : chunkBytes + 1 + bytes;
    chunk = chunk === "" ? runId : `${chunk},${runId}`;
  }
  if (chunk !== "") payloads.push(chunk);
  return payloads;
}
