import { FilterableListEmpty, ListLoading } from "@/components/ui/list-states";

export function RunListLoading() {
  return <ListLoading label="Loading runs" />;
}

/** No runs at all, or none matching the filters. */
export function RunListEmpty({ filtered, onClearFilters }: { filtered: boolean; onClearFilters(): void }) {
  return (
    <FilterableListEmpty
      filtered={filtered}
      onClearFilters={onClearFilters}
      icon={
        <svg viewBox="0 0 24 24" aria-hidden="true" className="mx-auto size-10 fill-none stroke-slate-300" strokeWidth="1.5">
          <path d="M5 4.5v15l13-7.5-13-7.5Z" strokeLinejoin="round" />
        </svg>
      }
      title={{ empty: "No runs yet", filtered: "No runs match these filters" }}
      hint={{ empty: "Runs started from the designer, the CLI or the API appear here.", filtered: "Try another status, workflow or time range." }}
    />
  );
}
