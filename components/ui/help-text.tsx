import type { ReactNode } from "react";

/**
 * Help text as written in step specs and schemas: `backticks` mark code. Only that much Markdown is
 * read, and the text is never parsed as HTML, so it cannot inject markup.
 */
export function HelpText({ text }: { text: string }): ReactNode {
  return helpTextParts(text).map((part, index) =>
    part.code ? (
      <code key={index} className="rounded bg-slate-100 px-1 py-px font-mono text-[0.92em] text-slate-700">
        {part.text}
      </code>
    ) : (
      part.text
    ),
  );
}

/** The text split at its `code` spans; an unpaired backtick stays as it is. */
export function helpTextParts(text: string): { text: string; code: boolean }[] {
  const parts: { text: string; code: boolean }[] = [];
  let last = 0;
  for (const match of text.matchAll(/`([^`\n]+)`/g)) {
    if (match.index > last) parts.push({ text: text.slice(last, match.index), code: false });
    parts.push({ text: match[1]!, code: true });
    last = match.index + match[0].length;
  }
  if (last < text.length) parts.push({ text: text.slice(last), code: false });
  return parts;
}

/** The same text without its code marks, for a `title` attribute. */
export function plainHelpText(text: string): string {
  return helpTextParts(text)
    .map((part) => part.text)
    .join("");
}
