"use client";
import Link from "next/link";
import { usePathname } from "next/navigation";

const sections = [
  { href: "/settings/account", label: "Account" },
  { href: "/settings/team", label: "Team" },
  { href: "/settings/secrets", label: "Secrets" },
  { href: "/settings/api-keys", label: "API keys" },
  { href: "/settings/breakers", label: "Circuit breakers" },
  { href: "/settings/subscriptions", label: "Event subscriptions" },
];

/** The settings sections, the current one marked for sight and for screen readers. */
export function SettingsNav() {
  const pathname = usePathname();
  return (
    <nav aria-label="Settings" className="mb-6 flex gap-1 border-b border-slate-200">
      {sections.map((section) => {
        const current = pathname === section.href;
        return (
          <Link
            key={section.href}
            href={section.href}
            aria-current={current ? "page" : undefined}
            className={`-mb-px border-b-2 px-3 py-2 text-sm font-medium ${current ? "border-indigo-600 text-indigo-700" : "border-transparent text-slate-600 hover:border-slate-300 hover:text-slate-900"}`}
          >
            {section.label}
          </Link>
        );
      })}
    </nav>
  );
}
