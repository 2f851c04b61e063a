"use client";
import { useId, useState, type ReactNode } from "react";
import { Button } from "@/components/ui/button";

export interface OneTimeSecretProps {
  /** The read-only textbox's accessible name ("Webhook URL", "New API key"). */
  label: string;
  value: string;
  /** The Copy button's accessible name ("Copy webhook URL"); its visible text is "Copy". */
  copyLabel: string;
  /** What the secret is for, after the "you will not see it again" warning. */
  note?: ReactNode;
  /** Examples using the secret, shown under it. */
  children?: ReactNode;
  /** Forgets the secret ("Done"); left out, it stays until the component unmounts. */
  onDismiss?(): void;
}

/**
 * A secret shown this once (a webhook URL with its token, a new API key): a read-only textbox with
 * Copy and a clear warning. The value lives only in the caller's component state, never in a cache
 * or storage, so it is gone once the panel or page is closed.
 */
export function OneTimeSecret({ label, value, copyLabel, note, children, onDismiss }: OneTimeSecretProps) {
  const id = useId();
  const [status, setStatus] = useState("");

  async function copy() {
    try {
      await navigator.clipboard.writeText(value);
      setStatus("Copied to the clipboard");
    } catch {
      setStatus("Copying was not allowed: select the text and copy it");
      document.getElementById(id)?.focus();
    }
  }

  return (
    <div className="flex flex-col gap-2 rounded-lg border border-amber-300 bg-amber-50 p-3 text-sm text-amber-950">
      <label htmlFor={id} className="font-medium">
        {label}
      </label>
      <div className="flex gap-2">
        <input
          id={id}
          type="text"
          readOnly
          value={value}
          aria-describedby={`${id}-note`}
          spellCheck={false}
          autoComplete="off"
          onFocus={(event) => event.currentTarget.select()}
          className="min-w-0 flex-1 rounded-md border border-amber-300 bg-white px-2 py-1 font-mono text-xs text-slate-900 focus:ring-2 focus:ring-indigo-500/30 focus:outline-none"
        />
        <Button size="sm" aria-label={copyLabel} onClick={() => void copy()}>
          Copy
        </Button>
      </div>
      <p id={`${id}-note`} className="text-xs">
        <strong className="font-semibold">Copy it now: you will not see this again.</strong> {note}
      </p>
      <p role="status" className="text-xs text-amber-900">
        {status}
      </p>
      {children}
      {onDismiss && (
        <div>
          <Button size="sm" onClick={onDismiss}>
            Done
          </Button>
        </div>
      )}
    </div>
  );
}

/** A command to copy by hand, e.g. a curl example; named for assistive technology by `label`. */
export function CodeExample({ label, code }: { label: string; code: string }) {
  return (
    <figure aria-label={label} className="m-0">
      <figcaption className="mb-1 text-xs font-medium text-slate-600">{label}</figcaption>
      <pre className="overflow-x-auto rounded-md bg-slate-900 px-2.5 py-2 font-mono text-[11px] leading-relaxed break-all whitespace-pre-wrap text-slate-100">
        <code>{code}</code>
      </pre>
    </figure>
  );
}
