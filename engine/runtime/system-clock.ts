/**
 * The process's own `Date` constructor, as it was before a framework wrapped the global one. Next's
 * server replaces `globalThis.Date` with a wrapper that asks its request storage on every
 * `new Date()` whether a prerender is reading the clock (~2 % of a webhook run's CPU, measured in
 * bench/README.md); `scripts/serve.mjs` keeps the original under this key before it loads Next.
 * Instances of either are the same: one prototype, `instanceof Date` holds.
 */
const NativeDate: DateConstructor = ((globalThis as Record<symbol, unknown>)[Symbol.for("orka.nativeDate")] as DateConstructor | undefined) ?? Date;

/** The engine's default clock: the current time, through the unwrapped constructor when there is one. */
export function systemNow(): Date {
  return new NativeDate();
}

/** `Date.now()` through the unwrapped constructor. */
export function systemNowMs(): number {
  return NativeDate.now();
}
