/** A duration as written in a definition: a whole number and a unit, `90s`, `15m`, `1h`, `7d`. */
export const durationPattern = /^([1-9][0-9]{0,8})(ms|s|m|h|d)$/;

const unitMs = { ms: 1, s: 1_000, m: 60_000, h: 3_600_000, d: 86_400_000 } as const;

/** Milliseconds of a duration matching `durationPattern`; null when it does not match. */
export function parseDuration(text: string): number | null {
  const match = durationPattern.exec(text);
  return match ? Number(match[1]) * unitMs[match[2] as keyof typeof unitMs] : null;
}
