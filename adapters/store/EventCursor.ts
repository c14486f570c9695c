/**
 * Keyset pagination for the event log. A cursor carries the sort keys of the last event of a page; the next page
 * starts strictly after it, so events appended between two page reads neither repeat nor open gaps.
 */
import { Either, Schema } from "effect"
import { EventQueryInvalid } from "./Errors.ts"

export type EventSort = "time" | "action"
export type SortOrder = "asc" | "desc"
export type SortColumn = "at" | "action" | "id"

export interface SortKey {
  readonly column: SortColumn
  readonly direction: SortOrder
}

/**
 * By time: time then id, both in the requested order. By action: actions in the requested order, and within an
 * action the newest first, which is how an operator reads one kind of event.
 */
export const sortKeys = (sort: EventSort, order: SortOrder): ReadonlyArray<SortKey> =>
  sort === "time"
    ? [
        { column: "at", direction: order },
        { column: "id", direction: order },
      ]
    : [
        { column: "action", direction: order },
        { column: "at", direction: "desc" },
        { column: "id", direction: "desc" },
      ]

const CursorBody = Schema.Struct({
  sort: Schema.Literal("time", "action"),
  order: Schema.Literal("asc", "desc"),
  keys: Schema.Array(Schema.String),
})
const decodeCursorBody = Schema.decodeUnknownEither(Schema.parseJson(CursorBody))

export const encodeCursor = (sort: EventSort, order: SortOrder, keys: ReadonlyArray<string>): string =>
  Buffer.from(JSON.stringify({ sort, order, keys }), "utf8").toString("base64url")

/** The key values after which the next page starts; throws `EventQueryInvalid` for a cursor of another query. */
export const decodeCursor = (cursor: string, sort: EventSort, order: SortOrder): ReadonlyArray<string> => {
  const body = decodeCursorBody(Buffer.from(cursor, "base64url").toString("utf8"))
  if (Either.isLeft(body)) throw new EventQueryInvalid({ field: "cursor", reason: "not a cursor this store issued" })
  const { sort: cursorSort, order: cursorOrder, keys } = body.right
  if (cursorSort !== sort || cursorOrder !== order || keys.length !== sortKeys(sort, order).length) {
    throw new EventQueryInvalid({ field: "cursor", reason: "the cursor belongs to a query with another sort order" })
  }
  return keys
}
