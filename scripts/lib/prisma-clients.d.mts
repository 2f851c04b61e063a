export function ensurePrismaClients(options?: { force?: boolean }): Promise<void>;
