import { StepFailure, TransientError, classifyError } from "../../errors";

export interface SecretRedactor {
  /** `value` with every secret in its strings (keys included) replaced by `[secret NAME]`. */
  value<T>(value: T): T;
  /** `text` with every secret replaced. */
  text(input: string): string;
  /** A failure of the same kind whose message has every secret replaced. */
  error(thrown: unknown): StepFailure;
}

/**
 * Replaces resolved secret values before anything leaves the http handler: its output becomes the
 * step's output and event payload, its error message the step's error, both stored and streamed.
 * A value is also matched URL-encoded (an echoed query string) and JSON-escaped (an echoed body
 * read as text). Longest values go first, so a secret that contains another is replaced whole.
 * Other encodings (base64 of `user:password`, say) are not recognised.
 *
 * @example
 * secretRedactor({ TOKEN: "s3cr3t" }).value({ body: "Bearer s3cr3t" }) // { body: "Bearer [secret TOKEN]" }
 */
export function secretRedactor(secrets: Record<string, string>): SecretRedactor {
  const forms: [text: string, name: string][] = [];
  for (const [name, value] of Object.entries(secrets)) {
    if (!value) continue;
    forms.push([value, name]);
    for (const encoded of new Set([encodeURIComponent(value), JSON.stringify(value).slice(1, -1)])) {
      if (encoded !== value) forms.push([encoded, name]);
    }
  }
  forms.sort((a, b) => b[0].length - a[0].length);
  const text = (input: string) => forms.reduce((out, [secret, name]) => (out.includes(secret) ? out.replaceAll(secret, `[secret ${name}]`) : out), input);
  const value = <T>(input: T): T => (forms.length === 0 ? input : (redactValue(input, text) as T));
  return {
    text,
    value,
    error(thrown) {
      const { kind, message, retryAfterMs } = classifyError(thrown);
      return retryAfterMs === undefined ? new StepFailure(kind, text(message)) : new TransientError(text(message), retryAfterMs);
    },
  };
}

function redactValue(value: unknown, text: (input: string) => string): unknown {
  if (typeof value === "string") return text(value);
  if (Array.isArray(value)) return value.map((item) => redactValue(item, text));
  if (typeof value !== "object" || value === null) return value;
  return Object.fromEntries(Object.entries(value).map(([key, item]) => [text(key), redactValue(item, text)]));
}
