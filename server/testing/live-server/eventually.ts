/**
 * Reads `read()` every `intervalMs` until `done` holds for it, and resolves with that value: how a
 * test waits for a committed state (a run's status, a step's) rather than for a sleep.
 */
export async function eventually<T>(read: () => Promise<T>, done: (value: T) => boolean, { what, timeoutMs = 60_000, intervalMs = 50 }: { what: string; timeoutMs?: number; intervalMs?: number }): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (done(value)) return value;
    if (Date.now() > deadline) throw new Error(`${what}: still ${JSON.stringify(value)} after ${timeoutMs / 1000} s`);
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
}
