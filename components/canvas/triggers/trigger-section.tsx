"use client";
import { useId, type ReactNode } from "react";
import { Button } from "@/components/ui/button";

/** One part of the Triggers panel: a region named by its heading. */
export function TriggerSection({ title, description, children }: { title: string; description?: ReactNode; children: ReactNode }) {
  const headingId = useId();
  return (
    <section aria-labelledby={headingId} className="flex flex-col gap-2.5 border-b border-slate-100 px-3 py-3 last:border-b-0">
      <div>
        <h3 id={headingId} className="text-sm font-semibold text-slate-900">
          {title}
        </h3>
        {description && <p className="mt-0.5 text-xs text-slate-500">{description}</p>}
      </div>
      {children}
    </section>
  );
}

/** A failure inside a section, with "Try again" when there is something to retry. */
export function SectionAlert({ message, onRetry }: { message: string; onRetry?(): void }) {
  return (
    <div role="alert" className="rounded-md border border-rose-200 bg-rose-50 px-2.5 py-2 text-xs text-rose-800">
      <p>{message}</p>
      {onRetry && (
        <Button size="sm" className="mt-1.5" onClick={onRetry}>
          Try again
        </Button>
      )}
    </div>
  );
}
