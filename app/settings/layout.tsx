import type { ReactNode } from "react";
import { SettingsNav } from "@/components/settings/settings-nav";

/** Settings pages share the section list above the page. */
export default function SettingsLayout({ children }: { children: ReactNode }) {
  return (
    <div>
      <SettingsNav />
      {children}
    </div>
  );
}
