/** Why QuickJS was interrupted: the run was cancelled, or its deadline passed. */
export type InterruptReason = "" | "cancelled" | "timeout";

/**
 * What the interrupt handler and the heap watcher know about the run in progress. One per worker:
 * a worker runs one request at a time.
 */
export class RunWatch {
  /** The abort flag and the request deadline apply only while user code runs. */
  running = false;
  deadline = 0;
  interruptReason: InterruptReason = "";
  /** Whether the heap's latest attempt to grow was refused (it is at its maximum). */
  growRefused = false;

  /** `abortFlag[0]` is set to 1 by the pool to cancel the running request. */
  constructor(private readonly abortFlag: Int32Array) {}

  /** QuickJS's interrupt handler: polled while bytecode runs (long builtin calls do not poll it). */
  shouldInterrupt = (): boolean => {
    if (this.running && Atomics.load(this.abortFlag, 0) !== 0) {
      this.interruptReason = "cancelled";
      return true;
    }
    if (Date.now() > this.deadline) {
      this.interruptReason = "timeout";
      return true;
    }
    return false;
  };

  /** Work of our own (compiling the driver) while no request runs: only a generous deadline. */
  idle(): void {
    this.running = false;
    this.deadline = Date.now() + 5000;
  }

  /** A request's user code starts now. */
  begin(timeoutMs: number): void {
    this.interruptReason = "";
    this.growRefused = false;
    this.deadline = Date.now() + timeoutMs;
    this.running = true;
  }
}
