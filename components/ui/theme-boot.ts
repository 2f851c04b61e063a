/** Where the chosen theme is remembered, and the media query "system" follows. */
export const themeKey = "orka.theme";
export const systemDark = "(prefers-color-scheme: dark)";

/**
 * Runs in <head> before the first paint (app/layout.tsx), so a dark page never flashes light. The
 * same rule as `ThemeSwitch`: "dark", or no "light" choice and a dark system.
 */
export const themeBootScript = `(function(){try{var c=localStorage.getItem(${JSON.stringify(themeKey)});document.documentElement.classList.toggle("dark",c==="dark"||(c!=="light"&&matchMedia(${JSON.stringify(systemDark)}).matches))}catch(e){}})()`;
