/** The log's categories as the page offers them; each is one or more action categories of `audit.list`. */
export const auditCategories = ["all", "workflows", "runs", "members", "templates", "secrets", "triggers"] as const;
export type AuditCategory = (typeof auditCategories)[number];

export const auditCategoryLabels: Record<AuditCategory, string> = {
  all: "All activity",
  workflows: "Workflows",
  runs: "Runs",
  members: "Members",
  templates: "Templates",
  secrets: "Secrets",
  triggers: "API & triggers",
};

const categoryActions: Record<Exclude<AuditCategory, "all">, string[]> = {
  workflows: ["workflow."],
  runs: ["run."],
  members: ["team.", "member.", "invite."],
  templates: ["template."],
  secrets: ["secret."],
  triggers: ["api_key.", "webhook.", "schedule.", "subscription."],
};

/** What the audit page filters on; the URL query holds the same (`?category=runs&actor=<user id>`). */
export interface AuditFilters {
  category: AuditCategory;
  /** A person's user id. */
  actor: string | null;
}

export const noAuditFilters: AuditFilters = { category: "all", actor: null };

type SearchParams = Record<string, string | string[] | undefined>;

/** Reads filters from a URL query, ignoring values it does not know (a link may be old or hand-written). */
export function parseAuditFilters(params: SearchParams): AuditFilters {
  const first = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value);
  const category = auditCategories.find((each) => each === first(params.category)) ?? "all";
  return { category, actor: first(params.actor)?.trim() || null };
}

/** The query string for filters, without defaults: "" when nothing is filtered. */
export function auditFiltersSearch(filters: AuditFilters): string {
  const params = new URLSearchParams();
  if (filters.category !== "all") params.set("category", filters.category);
  if (filters.actor) params.set("actor", filters.actor);
  const search = params.toString();
  return search ? `?${search}` : "";
}

/** The `audit.list` input for filters (without paging). */
export function auditListInputOf(filters: AuditFilters): { action?: string[]; actor?: string } {
  return {
    ...(filters.category !== "all" && { action: categoryActions[filters.category] }),
    ...(filters.actor && { actor: filters.actor }),
  };
}
