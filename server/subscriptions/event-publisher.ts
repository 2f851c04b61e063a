import "server-only";
import type { Logger } from "@/engine/index";
import type { DbProvider } from "@/server/db/create-prisma-client";
import { deliverDue, type DeliveryOptions } from "./deliver";
import { fanOutOutbox } from "./fan-out";

const fanOutPage = 200;

export interface EventPublisherOptions extends DeliveryOptions {
  logger: Logger;
  provider: DbProvider;
  /** How often the outbox and due deliveries are read when nothing wakes the publisher (other processes' events, retries). */
  pollMs?: number;
  /**
   * True when a turn would certainly find nothing to publish or send (`quiet-probe.ts`): the turn
   * is skipped. Read cheaply, once per turn; without it every turn reads the tables.
   */
  quiet?: () => boolean;
}

/**
 * One per process: moves published events from the outbox into deliveries and sends the due ones.
 * Polls every `pollMs`; `wake()` (after a commit of this process's engine, or a redelivery)
 * reads again within `wakeDelayMs`, so a burst of commits costs one read, not one per commit.
 */
export class EventPublisher {
  private timer: NodeJS.Timeout | null = null;
  private dueAt = Infinity;
  private running: Promise<void> | null = null;
  private again = false;
  private stopped = false;
  private readonly pollMs: number;
  private static readonly wakeDelayMs = 50;

  constructor(private readonly options: EventPublisherOptions) {
    this.pollMs = options.pollMs ?? 1_000;
  }

  start(): void {
    this.arm(0);
  }

  wake(): void {
    if (this.running) this.again = true;
    else this.arm(EventPublisher.wakeDelayMs);
  }

  /** Stops reading; resolves once the turn in progress (if any) is done. */
  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    await this.running;
  }

  /** One turn now: fan out the whole outbox, then send what is due. For tests. */
  async runOnce(): Promise<void> {
    // A page short of the limit emptied the outbox as it was read: reading again for the few rows
    // committed since would cost a whole turn's queries each time on a busy server.
    while ((await fanOutOutbox(this.options.db, { provider: this.options.provider, limit: fanOutPage })) === fanOutPage);
    await deliverDue(this.options);
  }

  private arm(delayMs: number): void {
    if (this.stopped) return;
    const dueAt = Date.now() + delayMs;
    if (this.timer && dueAt >= this.dueAt) return;
    if (this.timer) clearTimeout(this.timer);
    this.dueAt = dueAt;
    this.timer = setTimeout(() => {
      this.timer = null;
      this.dueAt = Infinity;
      this.running = this.turn().finally(() => {
        this.running = null;
        const again = this.again;
        this.again = false;
        // Commits during the turn: read again after the wake delay, so that a busy engine's
        // stream of commits costs a turn per delay, not turns back to back.
        this.arm(again ? EventPublisher.wakeDelayMs : this.pollMs);
      });
    }, delayMs);
    this.timer.unref(); // an idle publisher must not keep the process alive
  }

  private async turn(): Promise<void> {
    try {
      if (this.options.quiet?.()) return;
      await this.runOnce();
    } catch (error) {
      // A database hiccup: the outbox and the deliveries stay where they are for the next turn.
      this.options.logger.error("event subscriptions: a publishing turn failed; retrying on the next", error);
    }
  }
}
