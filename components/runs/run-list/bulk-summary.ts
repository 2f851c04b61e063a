/** The bulk actions of the runs page and how their sentences read. */
export type BulkAction = "cancel" | "retry" | "redrive";

const words = {
  cancel: { verb: "cancelled", past: "Cancelled" },
  retry: { verb: "retried", past: "Retried" },
  redrive: { verb: "redriven on the latest version", past: "Redrove" },
} satisfies Record<BulkAction, { verb: string; past: string }>;

interface IneligibleRun {
  runId: string;
  reason: string;
}

const runs = (count: number) => (count === 1 ? "1 run" : `${count} runs`);

/** "3 of 5 runs can be retried; 2 are not failed." — what the dry run found, reasons grouped. */
export function dryRunSummary(action: BulkAction, result: { eligible: string[]; ineligible: IneligibleRun[] }): string {
  const total = result.eligible.length + result.ineligible.length;
  const head =
    result.eligible.length === total
      ? `${total === 1 ? "The selected run" : `All ${total} selected runs`} can be ${words[action].verb}`
      : `${result.eligible.length} of ${runs(total)} can be ${words[action].verb}`;
  const reasons = groupReasons(result.ineligible).map(([reason, count]) => `${count} ${count === 1 ? "is" : "are"} ${reason}`);
  return `${[head, ...reasons].join("; ")}.`;
}

/** "Retried 3 runs." or "Cancelled 2 runs; 1 could not be cancelled: run is already completed." */
export function outcomeSummary(action: BulkAction, result: { done: string[]; failed: { message: string }[]; skipped: IneligibleRun[] }): string {
  const parts = [`${words[action].past} ${runs(result.done.length)}`];
  const failures = groupReasons(result.failed.map((failure) => ({ reason: failure.message })));
  if (failures.length)
    parts.push(`${result.failed.length} could not be ${words[action].verb}: ${failures.map(([message, count]) => (count > 1 ? `${message} (${count})` : message)).join(", ")}`);
  if (result.skipped.length) parts.push(`${result.skipped.length} skipped: ${groupReasons(result.skipped).map(([reason, count]) => `${count} ${reason}`).join(", ")}`);
  return `${parts.join("; ")}.`;
}

/** Reasons with how often each occurs, most frequent first. */
function groupReasons(items: { reason: string }[]): [string, number][] {
  const counts = new Map<string, number>();
  for (const { reason } of items) counts.set(reason, (counts.get(reason) ?? 0) + 1);
  return [...counts].sort((a, b) => b[1] - a[1]);
}
