"use client";
import { useQuery } from "@tanstack/react-query";
import { useTRPC } from "@/components/trpc/trpc-context";
import { auditCategories, auditCategoryLabels, type AuditFilters } from "./audit-filters";
import { InlineField, filterSelectStyle } from "@/components/ui/inline-field";

/** The category and person selects; every change is a whole new filter. */
export function AuditFilterBar({ filters, onChange }: { filters: AuditFilters; onChange(filters: AuditFilters): void }) {
  return (
    <div className="flex flex-col gap-3 rounded-xl border border-slate-200 bg-white px-4 py-3 shadow-sm sm:flex-row sm:items-center sm:gap-6">
      <InlineField label="Category">
        {(id) => (
          <select
            id={id}
            value={filters.category}
            onChange={(event) => onChange({ ...filters, category: auditCategories.find((each) => each === event.target.value) ?? "all" })}
            className={`${filterSelectStyle} max-w-56`}
          >
            {auditCategories.map((category) => (
              <option key={category} value={category}>
                {auditCategoryLabels[category]}
              </option>
            ))}
          </select>
        )}
      </InlineField>
      <ActorSelect value={filters.actor} onChange={(actor) => onChange({ ...filters, actor })} />
    </div>
  );
}

/** The people in the log by name; a person from the URL who is not among them still shows as chosen. */
function ActorSelect({ value, onChange }: { value: string | null; onChange(actor: string | null): void }) {
  const trpc = useTRPC();
  const actors = useQuery(trpc.audit.actors.queryOptions());
  const known = !value || actors.data?.some((actor) => actor.id === value);
  return (
    <InlineField label="Person">
      {(id) => (
        <select id={id} value={value ?? ""} onChange={(event) => onChange(event.target.value || null)} className={`${filterSelectStyle} max-w-56`}>
          <option value="">Everyone</option>
          {!known && <option value={value}>{actors.isPending ? "Loading…" : "Unknown person"}</option>}
          {actors.data?.map((actor) => (
            <option key={actor.id} value={actor.id}>
              {actor.name}
            </option>
          ))}
        </select>
      )}
    </InlineField>
  );
}
