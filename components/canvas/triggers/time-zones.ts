/** The browser's IANA time zone, "UTC" when it does not say. */
export function browserTimeZone(): string {
  try {
    return Intl.DateTimeFormat().resolvedOptions().timeZone || "UTC";
  } catch {
    return "UTC";
  }
}

/**
 * The zones to choose from: UTC first, then every zone the browser knows, sorted. `extra` (the
 * browser's own zone, a schedule's stored zone) is added when the list lacks it: Chrome's list,
 * for one, has no "UTC".
 */
export function timeZoneOptions(extra: readonly string[] = []): string[] {
  const known = typeof Intl.supportedValuesOf === "function" ? Intl.supportedValuesOf("timeZone") : [];
  const rest = new Set([...known, ...extra]);
  rest.delete("UTC");
  return ["UTC", ...[...rest].sort((a, b) => a.localeCompare(b))];
}
