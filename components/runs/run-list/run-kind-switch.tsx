"use client";

const kinds = [
  { test: false, label: "Runs" },
  { test: true, label: "Test runs" },
] as const;

/** Runs of published versions, or test runs of drafts from the designer: the two are listed apart. */
export function RunKindSwitch({ test, onChange }: { test: boolean; onChange(test: boolean): void }) {
  return (
    <div role="group" aria-label="Which runs" className="inline-flex rounded-lg border border-slate-200 bg-white p-0.5 text-sm shadow-sm">
      {kinds.map((kind) => (
        <button
          key={kind.label}
          type="button"
          aria-pressed={test === kind.test}
          onClick={() => onChange(kind.test)}
          className={`rounded-md px-3 py-1 font-medium ${test === kind.test ? "bg-indigo-600 text-white" : "text-slate-600 hover:bg-slate-100"}`}
        >
          {kind.label}
        </button>
      ))}
    </div>
  );
}
