import { z } from "zod";

/** Where a newest-first page ended: the last row's `createdAt` and id, the listing's sort key. */
export interface KeysetPosition {
  createdAt: Date;
  id: string;
}

const notOurs = "cursor is not one this listing returned";

/**
 * Opaque to clients, and safe in a URL without escaping: base64url of `<createdAt ms>:<id>`. The one
 * format of every keyset listing (the runs list in tRPC and REST, the audit log).
 */
export function encodeKeysetCursor({ createdAt, id }: KeysetPosition): string {
  return Buffer.from(`${createdAt.getTime()}:${id}`, "utf8").toString("base64url");
}

/** A cursor a listing returned, read back into its position; anything else is a clear BAD_REQUEST. */
export const keysetCursorSchema = z
  .string()
  .max(200)
  .transform((cursor, ctx): KeysetPosition => {
    // Node's decoder skips characters outside the alphabet, so check the alphabet first.
    const text = /^[A-Za-z0-9_-]+$/.test(cursor) ? Buffer.from(cursor, "base64url").toString("utf8") : "";
    const separator = text.indexOf(":");
    const ms = Number(text.slice(0, separator));
    const id = text.slice(separator + 1);
    if (separator < 1 || !Number.isSafeInteger(ms) || !id) {
      ctx.addIssue({ code: "custom", message: notOurs });
      return z.NEVER;
    }
    return { createdAt: new Date(ms), id };
  });

/** The rows after `position` in `(createdAt, id)` descending order: a Prisma `where` fragment. */
export function olderThan(position: KeysetPosition | null | undefined) {
  return position ? { OR: [{ createdAt: { lt: position.createdAt } }, { createdAt: position.createdAt, id: { lt: position.id } }] } : {};
}

/**
 * One page of rows read with `take: limit + 1`: the extra row only says whether another page
 * follows, so an exactly full last page has no next cursor.
 */
export function keysetPage<T extends KeysetPosition>(rows: T[], limit: number): { rows: T[]; nextCursor: string | null } {
  const page = rows.slice(0, limit);
  const last = page.at(-1);
  return { rows: page, nextCursor: rows.length > limit && last ? encodeKeysetCursor(last) : null };
}
