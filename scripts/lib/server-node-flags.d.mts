export declare const serverMaxOldSpaceMb: number;
export declare function serverNodeFlags(nodeOptions?: string): string[];
