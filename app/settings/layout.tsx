import Link from "next/link";
import type { ReactNode } from "react";

const sections = [
  { href: "/settings/team", label: "Team" },
  { href: "/settings/secrets", label: "Secrets" },
  { href: "/settings/api-keys", label: "API keys" },
];

/** Settings pages share a small section list above the page. */
export default function SettingsLayout({ children }: { children: ReactNode }) {
  return (
    <div>
      <nav aria-label="Settings" className="mb-6 flex gap-1 border-b border-slate-200">
        {sections.map((section) => (
          <Link key={section.href} href={section.href} className="-mb-px border-b-2 border-transparent px-3 py-2 text-sm font-medium text-slate-600 hover:border-slate-300 hover:text-slate-900">
            {section.label}
          </Link>
        ))}
      </nav>
      {children}
    </div>
  );
}
