/** The last 8 characters of a run id: run ids are UUIDv7, whose first characters are a timestamp shared by neighbours. */
export function shortRunId(runId: string): string {
  return runId.slice(-8);
}
