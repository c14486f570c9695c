import type { Context, Hono } from "hono"
import { InvalidFields } from "../shared/Errors.ts"
import type { Timeline } from "./Timeline.ts"
import type { ToRecord } from "./Types.ts"
import { found, sendData, sendJson, type ToEnv } from "./Wire.ts"

export const DEFAULT_LIMIT = 100
export const MAX_LIMIT = 500

interface PageQuery {
  readonly limit: number
  readonly since: number | null
  readonly after: { t: number; id: string } | null
}

/** The cursor is opaque to clients: the (`updated_at`, `id`) of the last record they received. */
const encodeCursor = (record: ToRecord): string =>
  Buffer.from(JSON.stringify([Date.parse(record.updated_at), record.id])).toString("base64url")

const decodeCursor = (cursor: string): { t: number; id: string } => {
  try {
    const [t, id] = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8"))
    if (typeof t === "number" && typeof id === "string") return { t, id }
  } catch {}
  throw InvalidFields.inQuery("cursor", "is not a cursor this API returned")
}

const readPageQuery = (c: Context): PageQuery => {
  const limitParam = c.req.query("limit") ?? String(DEFAULT_LIMIT)
  const limit = Number(limitParam)
  if (!/^\d+$/.test(limitParam) || limit < 1 || limit > MAX_LIMIT) {
    throw InvalidFields.inQuery("limit", `must be an integer between 1 and ${MAX_LIMIT}`)
  }
  const sinceParam = c.req.query("updated_since")
  const since = sinceParam === undefined ? null : Date.parse(sinceParam)
  if (Number.isNaN(since)) throw InvalidFields.inQuery("updated_since", "must be an ISO-8601 timestamp")
  const cursor = c.req.query("cursor")
  return { limit, since, after: cursor ? decodeCursor(cursor) : null }
}

/** `GET /` (cursor paging, ordered by `updated_at` then `id`, `updated_since` inclusive) and `GET /:id`. */
export const addReadRoutes = <R extends ToRecord>(app: Hono<ToEnv>, table: Timeline<R>, what: string): void => {
  app.get("/", (c) => {
    const { rows, more } = table.page(readPageQuery(c))
    const last = rows.at(-1)
    return sendJson(c, { data: rows, next_cursor: more && last ? encodeCursor(last) : null })
  })
  app.get("/:id", (c) => sendData(c, found(table.get(c.req.param("id")), what, c.req.param("id"))))
}
