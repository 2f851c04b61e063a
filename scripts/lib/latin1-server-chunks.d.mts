export declare function latin1Source(source: string): string | null;
export declare function latin1ServerChunks(distDir: string): { rewritten: number; left: number };
