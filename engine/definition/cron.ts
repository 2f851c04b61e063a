import { Cron } from "croner";
import type { ValidationIssue } from "./issues";

export interface CronSpec {
  cron: string;
  timezone: string;
}

/**
 * Problems with a schedule's expression and zone, addressed `cron` / `timezone`. Expressions have
 * five fields (minute precision, like crontab) or are a nickname (`@daily`): a seconds field would
 * let a schedule start a run every second. The schedule form checks with it before sending; the
 * server checks again.
 */
export function checkCronSpec({ cron, timezone }: CronSpec): ValidationIssue[] {
  const issues: ValidationIssue[] = [];
  if (!isTimeZone(timezone)) issues.push({ path: "timezone", message: `"${timezone}" is not an IANA time zone (like Europe/Paris or UTC)` });
  try {
    const next = parseCron(cron, issues.length ? "UTC" : timezone).nextRun();
    if (!next) issues.push({ path: "cron", message: `"${cron}" never fires` });
  } catch (error) {
    issues.push({ path: "cron", message: `"${cron}" is not a valid cron expression (five fields: minute hour day-of-month month day-of-week): ${cronMessage(error)}` });
  }
  return issues;
}

export function parseCron(cron: string, timezone: string): Cron {
  return new Cron(cron.trim(), { timezone, mode: "5-part", paused: true });
}

function isTimeZone(timezone: string): boolean {
  if (!timezone || timezone !== timezone.trim()) return false;
  try {
    new Intl.DateTimeFormat("en", { timeZone: timezone });
    return true;
  } catch {
    return false;
  }
}

/** croner prefixes its messages with the class that threw (`CronPattern: …`). */
function cronMessage(error: unknown): string {
  return (error instanceof Error ? error.message : String(error)).replace(/^Cron\w*:\s*/, "");
}
