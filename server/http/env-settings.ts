/**
 * A whole-number setting from the environment: `fallback` when unset or empty, otherwise an
 * integer of at least `min`. Anything else stops with a message naming the variable.
 */
export function integerSetting(env: Readonly<Record<string, string | undefined>>, name: string, fallback: number, { min = 0, what = "a whole number" } = {}): number {
  const raw = env[name]?.trim();
  if (!raw) return fallback;
  const value = Number(raw.replaceAll("_", ""));
  if (!Number.isSafeInteger(value) || value < min) throw new Error(`${name} is "${raw}": it must be ${what} of at least ${min}`);
  return value;
}
