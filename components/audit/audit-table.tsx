import Link from "next/link";
import { RelativeTime } from "@/components/ui/relative-time";
import type { AuditEntryItem } from "./audit-entry";
import { auditNote, auditWords, isMachineActor } from "./audit-words";

const cell = "px-3 py-2.5 align-top";

/** The log, newest first: when, who, and what in plain words; the target links to its page while it exists. */
export function AuditTable({ entries }: { entries: AuditEntryItem[] }) {
  return (
    <div className="overflow-x-auto rounded-xl border border-slate-200 bg-white shadow-sm">
      <table aria-label="Audit log" className="min-w-full divide-y divide-slate-200 text-sm">
        <thead className="bg-slate-50 text-left text-xs font-medium tracking-wide text-slate-500 uppercase">
          <tr>
            {["Time", "Who", "What"].map((heading) => (
              <th key={heading} scope="col" className={`${cell} whitespace-nowrap`}>
                {heading}
              </th>
            ))}
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {entries.map((entry) => (
            <AuditRow key={entry.id} entry={entry} />
          ))}
        </tbody>
      </table>
    </div>
  );
}

function AuditRow({ entry }: { entry: AuditEntryItem }) {
  const note = auditNote(entry);
  return (
    <tr className="hover:bg-slate-50">
      <td className={`${cell} whitespace-nowrap text-slate-600`}>
        <RelativeTime date={entry.createdAt} />
      </td>
      <td className={`${cell} whitespace-nowrap`}>
        {isMachineActor(entry.actor) ? (
          <span className="inline-flex items-center gap-1.5 text-slate-700">
            <span className="rounded bg-slate-100 px-1.5 py-0.5 text-xs font-medium text-slate-600">automation</span>
            {entry.actor.name}
          </span>
        ) : (
          <span className="font-medium text-slate-900">{entry.actor.name}</span>
        )}
      </td>
      <td className={`${cell} text-slate-800`}>
        <p>
          {auditWords(entry).map((part, index) =>
            typeof part === "string" ? (
              part
            ) : entry.target.href ? (
              <Link key={index} href={entry.target.href} className="font-medium text-indigo-700 hover:underline focus-visible:outline-2 focus-visible:outline-indigo-600">
                {part.target}
              </Link>
            ) : (
              <span key={index} className="font-medium">
                {part.target}
              </span>
            ),
          )}
        </p>
        {note && <p className="mt-0.5 text-xs text-slate-500">{note}</p>}
      </td>
    </tr>
  );
}
