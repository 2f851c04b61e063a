const nicerLabels: Record<string, string> = {
  url: "URL",
  ms: "Milliseconds",
  maxConcurrency: "Max concurrency",
  maxAttempts: "Max attempts",
  initialDelayMs: "Initial delay (ms)",
  maxDelayMs: "Max delay (ms)",
  maxRetryAfterMs: "Max Retry-After delay (ms)",
  on: "Retry on error kinds",
  timeoutMs: "Timeout (ms)",
  maxParallel: "Max parallel steps",
  id: "Id",
};

/** Visible label for a schema key: a nicer name when we have one, else the camelCase words in sentence case. */
export function fieldLabel(key: string): string {
  const nicer = nicerLabels[key];
  if (nicer) return nicer;
  const words = key.replace(/([a-z0-9])([A-Z])/g, "$1 $2").toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}
