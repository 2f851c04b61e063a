export const historyLimit = 200;

/** Undo/redo stacks of whole documents; entries are never mutated, so sharing them is safe. */
export type History<T> = { present: T; past: T[]; future: T[] };

/** `next` becomes the present; a change clears redo. An identical document records nothing. */
export function record<T>(history: History<T>, next: T): History<T> {
  if (next === history.present) return history;
  return { present: next, past: [...history.past, history.present].slice(-historyLimit), future: [] };
}

/** `next` replaces the present without a new undo entry: keystrokes in one field are one edit. */
export function amend<T>(history: History<T>, next: T): History<T> {
  if (next === history.present) return history;
  return { present: next, past: history.past, future: [] };
}

export function undo<T>(history: History<T>): History<T> {
  const previous = history.past.at(-1);
  if (previous === undefined) return history;
  return { present: previous, past: history.past.slice(0, -1), future: [history.present, ...history.future] };
}

export function redo<T>(history: History<T>): History<T> {
  const [next, ...rest] = history.future;
  if (next === undefined) return history;
  return { present: next, past: [...history.past, history.present].slice(-historyLimit), future: rest };
}
