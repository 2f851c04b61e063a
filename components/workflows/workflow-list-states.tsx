export function WorkflowListLoading() {
  return (
    <ul aria-busy="true" aria-label="Loading workflows" className="grid gap-4 sm:grid-cols-2 lg:grid-cols-3">
      {[0, 1, 2].map((index) => (
        <li key={index} className="h-44 animate-pulse rounded-xl border border-slate-200 bg-white p-5">
          <div className="h-4 w-20 rounded bg-slate-100" />
          <div className="mt-4 h-5 w-40 rounded bg-slate-200" />
          <div className="mt-3 h-4 w-full rounded bg-slate-100" />
        </li>
      ))}
    </ul>
  );
}

/** No workflows at all, or none matching the search. */
export function WorkflowListEmpty({ search }: { search: string }) {
  return (
    <div className="rounded-xl border border-dashed border-slate-300 bg-white px-6 py-16 text-center">
      <svg viewBox="0 0 24 24" aria-hidden="true" className="mx-auto size-10 fill-none stroke-slate-300" strokeWidth="1.5">
        <rect x="3" y="4" width="7" height="6" rx="1.5" />
        <rect x="14" y="14" width="7" height="6" rx="1.5" />
        <path d="M6.5 10v4.5a2 2 0 0 0 2 2H14" strokeLinecap="round" />
      </svg>
      <h2 className="mt-4 text-base font-semibold text-slate-900">{search ? "No matching workflows" : "No workflows yet"}</h2>
      <p className="mt-1 text-sm text-slate-500">
        {search ? `Nothing in your team matches “${search}”.` : "Workflows your team creates or imports will appear here."}
      </p>
    </div>
  );
}
