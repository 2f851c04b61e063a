export declare const serverMaxOldSpaceMb: number;
export declare const serverMaxSemiSpaceMb: number;
export declare function serverNodeFlags(nodeOptions?: string): string[];
