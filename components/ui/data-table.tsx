import type { ReactNode } from "react";

/** A column heading; `srOnly` keeps it for screen readers but hides it on screen. */
export type Column = string | { label: string; srOnly: true };

/** The unlabelled-on-screen last column that holds a row's buttons. */
export const actionsColumn: Column = { label: "Actions", srOnly: true };

const cell = "px-4 py-2.5";

/**
 * The app's plain list table: a named `table` with one header row; the rows are the children.
 * Rows inherit slate-800 text, so a `<tr>` sets a colour only to mute itself.
 */
export function DataTable({ label, columns, children }: { label: string; columns: readonly Column[]; children: ReactNode }) {
  return (
    <div className="overflow-x-auto rounded-xl border border-slate-200 bg-white shadow-xs">
      <table aria-label={label} className="w-full text-left text-sm">
        <thead className="border-b border-slate-200 bg-slate-50 text-xs font-medium text-slate-500">
          <tr>
            {columns.map((column) =>
              typeof column === "string" ? (
                <th key={column} scope="col" className="px-4 py-2">
                  {column}
                </th>
              ) : (
                <th key={column.label} scope="col" className="px-4 py-2">
                  <span className="sr-only">{column.label}</span>
                </th>
              ),
            )}
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100 text-slate-800">{children}</tbody>
      </table>
    </div>
  );
}

/** The cell that names its row (`th scope="row"`), so e2e and screen readers find a row by it. */
export function RowHeader({ className = "", children }: { className?: string; children: ReactNode }) {
  return (
    <th scope="row" className={`${cell} font-medium ${className}`.trimEnd()}>
      {children}
    </th>
  );
}

/** A body cell with the table's padding; `className` adds alignment, size or colour. */
export function Cell({ className = "", children }: { className?: string; children?: ReactNode }) {
  return <td className={`${cell} ${className}`.trimEnd()}>{children}</td>;
}
