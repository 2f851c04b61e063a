/**
 * Settles `work` while counting event-loop turns (setImmediate ticks) until it settles: an
 * evaluation that kept this thread busy would see none. A count, never a time limit.
 */
export async function settleCountingTicks<T>(work: Promise<T>): Promise<{ outcome: PromiseSettledResult<T>; ticks: number }> {
  let ticks = 0;
  let settled = false;
  const tick = () => {
    if (settled) return;
    ticks++;
    setImmediate(tick);
  };
  setImmediate(tick);
  const [outcome] = await Promise.allSettled([work]);
  settled = true;
  return { outcome: outcome!, ticks };
}
