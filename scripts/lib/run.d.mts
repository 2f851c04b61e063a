export const repoRoot: string;
export const bins: Record<"next" | "prisma" | "tsc" | "eslint" | "vitest" | "playwright", string>;
export const baseEnv: NodeJS.ProcessEnv;
export function runNode(script: string, args?: string[], options?: { env?: NodeJS.ProcessEnv; nodeArgs?: string[] }): Promise<void>;
export function runTypeScript(script: string, options?: { env?: NodeJS.ProcessEnv }): Promise<void>;
export function formatDuration(ms: number): string;
