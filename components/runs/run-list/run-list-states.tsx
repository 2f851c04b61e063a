export function RunListLoading() {
  return (
    <ul aria-busy="true" aria-label="Loading runs" className="space-y-2 rounded-xl border border-slate-200 bg-white p-4">
      {[0, 1, 2, 3].map((index) => (
        <li key={index} className="h-8 animate-pulse rounded bg-slate-100" />
      ))}
    </ul>
  );
}

/** No runs at all, or none matching the filters. */
export function RunListEmpty({ filtered, onClearFilters }: { filtered: boolean; onClearFilters(): void }) {
  return (
    <div className="rounded-xl border border-dashed border-slate-300 bg-white px-6 py-16 text-center">
      <svg viewBox="0 0 24 24" aria-hidden="true" className="mx-auto size-10 fill-none stroke-slate-300" strokeWidth="1.5">
        <path d="M5 4.5v15l13-7.5-13-7.5Z" strokeLinejoin="round" />
      </svg>
      <h2 className="mt-4 text-base font-semibold text-slate-900">{filtered ? "No runs match these filters" : "No runs yet"}</h2>
      <p className="mt-1 text-sm text-slate-500">
        {filtered ? "Try another status, workflow or time range." : "Runs started from the designer, the CLI or the API appear here."}
      </p>
      {filtered && (
        <button type="button" onClick={onClearFilters} className="mt-4 text-sm font-medium text-indigo-700 hover:underline">
          Clear filters
        </button>
      )}
    </div>
  );
}
