export interface CliManifest {
  entry: string;
  builtAt: number;
  inputs: string[];
}
export const cliOutdir: string;
export function staleCliReason(manifest?: CliManifest | null): string | null;
export function buildCli(): Promise<void>;
export function cliEntryUrl(): Promise<string>;
