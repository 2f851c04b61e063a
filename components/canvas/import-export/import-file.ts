import { limits } from "@/engine/definition/limits";

export type ImportFormat = "auto" | "json" | "yaml";

/**
 * Files larger than this are refused before upload. It sits above the 1 MB definition limit on
 * purpose: a pretty-printed or YAML file of a definition within the limit may be larger on disk,
 * and the server measures the definition itself and answers with the exact size.
 */
export const maxImportFileBytes = 2_000_000;

/** Why a file or pasted text is refused before upload, or null. */
export function importSizeProblem(what: string, bytes: number): string | null {
  if (bytes <= maxImportFileBytes) return null;
  return `${what} is ${formatSize(bytes)}; files over ${formatSize(maxImportFileBytes)} are refused (a definition may be at most ${formatSize(limits.definitionBytes)}).`;
}

/** The format a file's extension names, or "auto" to let the server detect it. */
export function formatOfFilename(filename: string): ImportFormat {
  const extension = /\.([a-z0-9]+)$/i.exec(filename)?.[1]?.toLowerCase();
  if (extension === "json") return "json";
  if (extension === "yaml" || extension === "yml") return "yaml";
  return "auto";
}

export function byteLength(text: string): number {
  return new TextEncoder().encode(text).length;
}

/** Decimal units, like the server's messages ("1.2 MB", "340 KB"). */
export function formatSize(bytes: number): string {
  if (bytes < 1000) return `${bytes} bytes`;
  if (bytes < 1_000_000) return `${Math.ceil(bytes / 1000)} KB`;
  return `${(bytes / 1_000_000).toFixed(1).replace(/\.0$/, "")} MB`;
}
