/** How runs are written wherever they are shown: their short id and their durations. */

/** The last 8 characters of a run id: run ids are UUIDv7, whose first characters are a timestamp shared by neighbours. */
export function shortRunId(runId: string): string {
  return runId.slice(-8);
}

/** A duration, e.g. "850 ms", "12.3 s", "4 min 05 s", "2 h 03 min", "3 d 4 h". */
export function formatDuration(ms: number): string {
  if (ms < 1000) return `${Math.max(0, Math.round(ms))} ms`;
  if (ms < 60_000) return `${(Math.floor(ms / 100) / 10).toFixed(1)} s`;
  const seconds = Math.floor(ms / 1000);
  const pad = (n: number) => String(n).padStart(2, "0");
  if (seconds < 3600) return `${Math.floor(seconds / 60)} min ${pad(seconds % 60)} s`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 24 * 60) return `${Math.floor(minutes / 60)} h ${pad(minutes % 60)} min`;
  const hours = Math.floor(minutes / 60);
  return `${Math.floor(hours / 24)} d ${hours % 24} h`;
}
