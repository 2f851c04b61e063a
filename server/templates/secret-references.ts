/** `$secrets.NAME` in an expression; names are letters, digits and underscore (TeamSecret.name). */
const secretReference = /\$secrets\.([A-Za-z_][A-Za-z0-9_]*)/g;

/**
 * The team secrets a definition refers to, sorted: a template carries these names, never values,
 * so whoever uses it knows which secrets to create. Walks every string (child definitions of `map`
 * steps included), since any expression field may read a secret.
 *
 * @example secretNamesIn({ steps: [{ config: { headers: { auth: "'Bearer ' & $secrets.CRM_TOKEN" } } }] }) // ["CRM_TOKEN"]
 */
export function secretNamesIn(definition: unknown): string[] {
  const names = new Set<string>();
  const visit = (value: unknown): void => {
    if (typeof value === "string") for (const match of value.matchAll(secretReference)) names.add(match[1]!);
    else if (Array.isArray(value)) value.forEach(visit);
    else if (typeof value === "object" && value !== null) Object.values(value).forEach(visit);
  };
  visit(definition);
  return [...names].sort();
}
