import { z } from "zod";

/** Where a newest-first page ended: the last row's `createdAt` and id, the listing's sort key. */
export interface KeysetPosition {
  createdAt: Date;
  id: string;
}

/** Opaque to clients: `<createdAt ms>:<id>`. */
export function encodeKeysetCursor({ createdAt, id }: KeysetPosition): string {
  return `${createdAt.getTime()}:${id}`;
}

/** A cursor a listing returned, read back into its position; anything else is a clear BAD_REQUEST. */
export const keysetCursorSchema = z
  .string()
  .max(200)
  .transform((cursor, ctx): KeysetPosition => {
    const separator = cursor.indexOf(":");
    const ms = Number(cursor.slice(0, separator));
    const id = cursor.slice(separator + 1);
    if (separator < 1 || !Number.isSafeInteger(ms) || !id) {
      ctx.addIssue({ code: "custom", message: "cursor is not one this listing returned" });
      return z.NEVER;
    }
    return { createdAt: new Date(ms), id };
  });
