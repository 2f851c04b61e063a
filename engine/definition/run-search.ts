/**
 * The runs list's search box: a run id (or the start of one), or an input field and a value,
 * `customer.id = 42` (a JSON path into the run's input; the value is JSON, or text when it is not).
 */
export type RunSearch = { kind: "id"; prefix: string } | { kind: "input"; path: (string | number)[]; value: string | number | boolean | null };

const fieldSearch = /^\s*\$?\.?((?:[A-Za-z_][\w-]*|\[\d+\])(?:\.[A-Za-z_][\w-]*|\[\d+\])*)\s*=\s*(.+?)\s*$/;

/** Null when the text is neither an id nor `path = value`; the caller then says how to write one. */
export function parseRunSearch(text: string): RunSearch | null {
  const trimmed = text.trim();
  const field = fieldSearch.exec(trimmed);
  if (field) return { kind: "input", path: pathSegments(field[1]!), value: jsonOrText(field[2]!) };
  if (/^[A-Za-z0-9_-]{1,100}$/.test(trimmed)) return { kind: "id", prefix: trimmed };
  return null;
}

function pathSegments(path: string): (string | number)[] {
  return [...path.matchAll(/([A-Za-z_][\w-]*)|\[(\d+)\]/g)].map((match) => (match[2] !== undefined ? Number(match[2]) : match[1]!));
}

function jsonOrText(value: string): string | number | boolean | null {
  try {
    const parsed = JSON.parse(value) as unknown;
    if (parsed === null || ["string", "number", "boolean"].includes(typeof parsed)) return parsed as string | number | boolean | null;
  } catch {
    // not JSON: the text itself
  }
  return value;
}
