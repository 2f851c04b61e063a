export interface Notice {
  tone: "success" | "error";
  text: string;
}

const tones = {
  success: "border-emerald-200 bg-emerald-50 text-emerald-800",
  error: "border-rose-200 bg-rose-50 text-rose-800",
};

/**
 * The outcome of the last card action. The live region is always in the page: one inserted
 * together with its text is not announced by every screen reader.
 */
export function WorkflowNotice({ notice, onDismiss }: { notice: Notice | null; onDismiss(): void }) {
  return (
    <div role="status">
      {notice && (
        <div className={`mt-6 flex items-center justify-between gap-3 rounded-lg border px-4 py-2.5 text-sm ${tones[notice.tone]}`}>
          <p>{notice.text}</p>
          <button type="button" onClick={onDismiss} className="rounded-md px-2 py-1 text-xs font-medium hover:bg-white/60">
            Dismiss
          </button>
        </div>
      )}
    </div>
  );
}
