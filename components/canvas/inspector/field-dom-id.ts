/**
 * DOM id of the inspector element for a definition path (`steps[3].config.url`). Injective and
 * CSS-safe: every character but letters, digits and `-` is written as `_<hex>_`.
 */
export function fieldDomId(path: string): string {
  return `field-${path.replace(/[^A-Za-z0-9-]/g, (char) => `_${char.codePointAt(0)!.toString(16)}_`)}`;
}

/** Id of the element listing a field's validation messages (for aria-describedby). */
export function issuesDomId(path: string): string {
  return `${fieldDomId(path)}-issues`;
}

/** The path and its ancestors, nearest first: `a.b[1].c` → `a.b[1].c`, `a.b[1]`, `a.b`, `a`. */
export function pathAndAncestors(path: string): string[] {
  const paths = [path];
  for (let current = path; ; ) {
    const cut = Math.max(current.lastIndexOf("."), current.lastIndexOf("["));
    if (cut <= 0) return paths;
    current = current.slice(0, cut);
    paths.push(current);
  }
}
