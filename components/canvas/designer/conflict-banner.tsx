import { Button } from "@/components/ui/button";

/** Another person saved this draft first: say who and when, and let the person choose. */
export function ConflictBanner({ message, onReload, onOverwrite }: { message: string; onReload(): void; onOverwrite(): void }) {
  return (
    <div role="alert" className="flex items-center justify-between gap-4 border-b border-rose-200 bg-rose-50 px-4 py-2 text-sm text-rose-800">
      <p>
        <strong className="font-semibold">Your changes are not saved.</strong> {message}
      </p>
      <div className="flex shrink-0 gap-2">
        <Button size="sm" onClick={onReload}>
          Reload their draft
        </Button>
        <Button size="sm" variant="danger" onClick={onOverwrite}>
          Overwrite with mine
        </Button>
      </div>
    </div>
  );
}
