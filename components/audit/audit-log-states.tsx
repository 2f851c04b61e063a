export function AuditLogLoading() {
  return (
    <ul aria-busy="true" aria-label="Loading the audit log" className="space-y-2 rounded-xl border border-slate-200 bg-white p-4">
      {[0, 1, 2, 3].map((index) => (
        <li key={index} className="h-8 animate-pulse rounded bg-slate-100" />
      ))}
    </ul>
  );
}

/** Nothing recorded yet, or nothing matching the filters. */
export function AuditLogEmpty({ filtered, onClearFilters }: { filtered: boolean; onClearFilters(): void }) {
  return (
    <div className="rounded-xl border border-dashed border-slate-300 bg-white px-6 py-16 text-center">
      <h2 className="text-base font-semibold text-slate-900">{filtered ? "No activity matches these filters" : "No activity yet"}</h2>
      <p className="mt-1 text-sm text-slate-500">
        {filtered ? "Try another category or person." : "Creating, publishing and running workflows, and changes to members and triggers, appear here."}
      </p>
      {filtered && (
        <button type="button" onClick={onClearFilters} className="mt-4 text-sm font-medium text-indigo-700 hover:underline">
          Clear filters
        </button>
      )}
    </div>
  );
}
