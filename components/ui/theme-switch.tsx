"use client";
import { useEffect } from "react";
import { systemDark, themeKey } from "./theme-boot";
import { useRememberedChoice } from "./use-remembered-choice";

const themes = ["system", "light", "dark"] as const;
type Theme = (typeof themes)[number];

function applyTheme(theme: Theme) {
  const dark = theme === "dark" || (theme === "system" && window.matchMedia(systemDark).matches);
  document.documentElement.classList.toggle("dark", dark);
}

/** Light, dark, or as the system says (the default, which follows the system when it changes). */
export function ThemeSwitch() {
  const [theme, setTheme] = useRememberedChoice<Theme>(themeKey, "system", themes);
  useEffect(() => {
    applyTheme(theme);
    if (theme !== "system") return;
    const query = window.matchMedia(systemDark);
    const follow = () => applyTheme("system");
    query.addEventListener("change", follow);
    return () => query.removeEventListener("change", follow);
  }, [theme]);
  return (
    <select
      aria-label="Theme"
      value={theme}
      onChange={(event) => setTheme(event.target.value as Theme)}
      className="rounded-md border border-slate-300 bg-white px-1.5 py-1 text-xs text-slate-700 focus-visible:outline-2 focus-visible:outline-indigo-600"
    >
      <option value="system">System theme</option>
      <option value="light">Light</option>
      <option value="dark">Dark</option>
    </select>
  );
}
