import { parseCron, type CronSpec } from "@/engine/definition/cron";

export { checkCronSpec, type CronSpec } from "@/engine/definition/cron";

/** The first slot strictly after `after`, or null when the expression has none left. */
export function nextSlot(spec: CronSpec, after: Date): Date | null {
  return parseCron(spec.cron, spec.timezone).nextRun(after);
}
