export const evaluatorBundle: string;
export function ensureEvaluatorBundle(): Promise<string>;
