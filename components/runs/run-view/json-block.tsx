/** A labelled, scrollable block of pretty JSON (values shown to operators as they are stored). */
export function JsonBlock({ label, value }: { label: string; value: unknown }) {
  return (
    <section aria-label={label} className="flex flex-col gap-1">
      <h3 className="text-xs font-semibold tracking-wide text-slate-500 uppercase">{label}</h3>
      <pre className="max-h-48 overflow-auto rounded-md border border-slate-200 bg-slate-50 p-2 font-mono text-xs text-slate-800">
        {value === undefined ? "—" : JSON.stringify(value, null, 2)}
      </pre>
    </section>
  );
}
