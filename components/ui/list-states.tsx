import type { ReactNode } from "react";

/** Placeholder rows while a list loads; `label` says what is loading. */
export function ListLoading({ label }: { label: string }) {
  return (
    <ul aria-busy="true" aria-label={label} className="space-y-2 rounded-xl border border-slate-200 bg-white p-4">
      {[0, 1, 2, 3].map((index) => (
        <li key={index} className="h-8 animate-pulse rounded bg-slate-100" />
      ))}
    </ul>
  );
}

interface FilterableListEmptyProps {
  icon?: ReactNode;
  /** Whether filters are what left the list empty: then the texts say so and offer to clear them. */
  filtered: boolean;
  onClearFilters(): void;
  title: { empty: string; filtered: string };
  hint: { empty: string; filtered: string };
}

/** An empty list that can be filtered: nothing at all yet, or nothing matching the filters. */
export function FilterableListEmpty({ icon, filtered, onClearFilters, title, hint }: FilterableListEmptyProps) {
  const which = filtered ? "filtered" : "empty";
  return (
    <div className="rounded-xl border border-dashed border-slate-300 bg-white px-6 py-16 text-center">
      {icon}
      <h2 className={`${icon ? "mt-4 " : ""}text-base font-semibold text-slate-900`}>{title[which]}</h2>
      <p className="mt-1 text-sm text-slate-500">{hint[which]}</p>
      {filtered && (
        <button type="button" onClick={onClearFilters} className="mt-4 text-sm font-medium text-indigo-700 hover:underline">
          Clear filters
        </button>
      )}
    </div>
  );
}
