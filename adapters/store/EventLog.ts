import { randomUUID } from "node:crypto"
import { chunk, type Db, type EventLogRow, inTransaction } from "./Database.ts"
import { EventQueryInvalid } from "./Errors.ts"
import { decodeCursor, type EventSort, encodeCursor, type SortOrder, sortKeys } from "./EventCursor.ts"
import { fromNullableJsonText, type Json, toJsonText } from "./Json.ts"

/** One line of the event log: a sync action or an operator action. */
export interface LogEvent {
  readonly id: string
  readonly at: string
  /** Who acted: an operator, or `iltsync` for the sync itself. */
  readonly user: string
  readonly action: string
  /** The user the action was about, when one was. */
  readonly target: string | null
  readonly ip: string | null
  readonly details: Json | null
}

export interface NewLogEvent {
  readonly at: string
  readonly user: string
  readonly action: string
  readonly target?: string | null
  readonly ip?: string | null
  /** Anything JSON can carry (the engine's log entries hold op ids, changes and reasons). */
  readonly details?: unknown
}

export interface EventQuery {
  /** Inclusive lower bound (ISO-8601). */
  readonly from?: string
  /** Inclusive upper bound (ISO-8601); a bare date (`2024-05-31`) covers that whole day. */
  readonly to?: string
  readonly action?: string
  readonly sort?: EventSort
  /** Defaults to newest first when sorting by time, and A to Z when sorting by action. */
  readonly order?: SortOrder
  readonly limit?: number
  readonly cursor?: string
}

export interface EventPage {
  readonly items: ReadonlyArray<LogEvent>
  /** Null on the last page. */
  readonly nextCursor: string | null
}

export const defaultEventLimit = 50
export const maxEventLimit = 500

export const rowToLogEvent = (row: EventLogRow): LogEvent => ({
  id: row.id,
  at: row.at,
  user: row.user,
  action: row.action,
  target: row.target,
  ip: row.ip,
  details: fromNullableJsonText(row.details),
})

/**
 * Times are compared as text, which orders correctly only in one format: every time is stored and compared in UTC
 * with milliseconds, the form `Date.prototype.toISOString` gives.
 */
const canonicalTime = (value: string): string | null => {
  const time = new Date(value)
  return Number.isNaN(time.getTime()) ? null : time.toISOString()
}

const bareDate = /^\d{4}-\d{2}-\d{2}$/

const eventRow = (event: NewLogEvent): EventLogRow => {
  const at = canonicalTime(event.at)
  if (at === null) throw new RangeError("event time is not an ISO-8601 time")
  return {
    id: randomUUID(),
    at,
    user: event.user,
    action: event.action,
    target: event.target ?? null,
    ip: event.ip ?? null,
    details: event.details === undefined || event.details === null ? null : toJsonText(event.details),
  }
}

/** Appends an event; the store gives it its id. */
export const appendEvent = async (db: Db, event: NewLogEvent): Promise<LogEvent> => {
  const row = eventRow(event)
  await db.insertInto("event_log").values(row).execute()
  return rowToLogEvent(row)
}

/** Appends the events of a run, all or none. */
export const appendEvents = async (db: Db, events: ReadonlyArray<NewLogEvent>): Promise<void> => {
  if (events.length === 0) return
  const rows = events.map(eventRow)
  await inTransaction(db, async (trx) => {
    for (const part of chunk(rows)) await trx.insertInto("event_log").values(part).execute()
  })
}

const timeBound = (field: "from" | "to", value: string): string => {
  const time = canonicalTime(value)
  if (time === null) throw new EventQueryInvalid({ field, reason: "not an ISO-8601 date or time" })
  return time
}

const nextDay = (date: string): string => new Date(Date.parse(date) + 24 * 60 * 60 * 1000).toISOString()

const pageSize = (limit: number | undefined): number => {
  if (limit === undefined) return defaultEventLimit
  if (!Number.isInteger(limit) || limit < 1)
    throw new EventQueryInvalid({ field: "limit", reason: "not a positive integer" })
  return Math.min(limit, maxEventLimit)
}

/** One page of the event log, filtered and sorted as asked. */
export const queryEvents = async (db: Db, query: EventQuery = {}): Promise<EventPage> => {
  const sort = query.sort ?? "time"
  const order = query.order ?? (sort === "time" ? "desc" : "asc")
  const limit = pageSize(query.limit)
  const keys = sortKeys(sort, order)
  const after = query.cursor === undefined ? null : decodeCursor(query.cursor, sort, order)
  const from = query.from === undefined ? null : timeBound("from", query.from)
  const to = query.to === undefined ? null : timeBound("to", query.to)

  let select = db.selectFrom("event_log").selectAll()
  if (from !== null) select = select.where("at", ">=", from)
  if (to !== null && query.to !== undefined) {
    select = bareDate.test(query.to) ? select.where("at", "<", nextDay(to)) : select.where("at", "<=", to)
  }
  if (query.action !== undefined) select = select.where("action", "=", query.action)
  if (after !== null) {
    const bounds = keys.map((key, index) => ({ ...key, value: after[index] ?? "" }))
    // Strictly after the cursor in the sort order: equal on the first i keys, beyond it on key i.
    select = select.where((eb) =>
      eb.or(
        bounds.map((key, index) =>
          eb.and([
            ...bounds.slice(0, index).map((earlier) => eb(earlier.column, "=", earlier.value)),
            eb(key.column, key.direction === "asc" ? ">" : "<", key.value),
          ]),
        ),
      ),
    )
  }
  for (const key of keys) select = select.orderBy(key.column, key.direction)

  const rows = await select.limit(limit + 1).execute()
  const items = rows.slice(0, limit).map(rowToLogEvent)
  const last = items.at(-1)
  const nextCursor =
    rows.length > limit && last !== undefined
      ? encodeCursor(
          sort,
          order,
          keys.map((key) => last[key.column]),
        )
      : null
  return { items, nextCursor }
}
