"use client";
import { useQuery } from "@tanstack/react-query";
import { useId, type ReactNode } from "react";
import { useTRPC } from "@/components/trpc/trpc-context";
import { auditCategories, auditCategoryLabels, type AuditFilters } from "./audit-filters";

const selectStyle =
  "block max-w-56 rounded-lg border border-slate-300 bg-white py-2 pr-8 pl-3 text-sm text-slate-900 shadow-sm focus:border-indigo-500 focus:ring-2 focus:ring-indigo-500/30 focus:outline-none";

/** The category and person selects; every change is a whole new filter. */
export function AuditFilterBar({ filters, onChange }: { filters: AuditFilters; onChange(filters: AuditFilters): void }) {
  return (
    <div className="flex flex-col gap-3 rounded-xl border border-slate-200 bg-white px-4 py-3 shadow-sm sm:flex-row sm:items-center sm:gap-6">
      <Labelled label="Category">
        {(id) => (
          <select
            id={id}
            value={filters.category}
            onChange={(event) => onChange({ ...filters, category: auditCategories.find((each) => each === event.target.value) ?? "all" })}
            className={selectStyle}
          >
            {auditCategories.map((category) => (
              <option key={category} value={category}>
                {auditCategoryLabels[category]}
              </option>
            ))}
          </select>
        )}
      </Labelled>
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
    <Labelled label="Person">
      {(id) => (
        <select id={id} value={value ?? ""} onChange={(event) => onChange(event.target.value || null)} className={selectStyle}>
          <option value="">Everyone</option>
          {!known && <option value={value}>{actors.isPending ? "Loading…" : "Unknown person"}</option>}
          {actors.data?.map((actor) => (
            <option key={actor.id} value={actor.id}>
              {actor.name}
            </option>
          ))}
        </select>
      )}
    </Labelled>
  );
}

function Labelled({ label, children }: { label: string; children(id: string): ReactNode }) {
  const id = useId();
  return (
    <div className="flex shrink-0 items-center gap-2">
      <label htmlFor={id} className="text-sm whitespace-nowrap text-slate-500">
        {label}
      </label>
      {children(id)}
    </div>
  );
}
