import type { Context } from "hono"
import { InvalidFields } from "../shared/Errors.ts"
import { sendJson } from "./Wire.ts"

export const DEFAULT_PAGE_SIZE = 20
/** Docebo's documented maximum; larger sizes are refused (400) rather than clamped. */
export const MAX_PAGE_SIZE = 200

type Scalar = string | number | boolean | null | undefined

interface CursorPosition {
  readonly value: Scalar
  readonly id: number
  readonly page: number
}

export interface ListQuery {
  readonly page: number
  readonly pageSize: number
  readonly sortAttr: string
  readonly sortDir: "asc" | "desc"
  readonly searchText: string | null
  readonly withTotalCount: boolean
  readonly after: CursorPosition | null
}

const positiveInt = (value: string | undefined, field: string, fallback: number, min: number, max: number) => {
  if (value === undefined || value === "") return fallback
  const number = Number(value)
  if (!/^\d+$/.test(value) || number < min || number > max) {
    throw InvalidFields.of(field, `must be an integer between ${min} and ${max}`)
  }
  return number
}

const decodeCursor = (cursor: string): CursorPosition & { sortAttr: string; sortDir: "asc" | "desc" } => {
  try {
    const parsed = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8"))
    if (typeof parsed.i === "number" && typeof parsed.p === "number" && typeof parsed.a === "string") {
      return {
        value: parsed.v,
        id: parsed.i,
        page: parsed.p,
        sortAttr: parsed.a,
        sortDir: parsed.d === "desc" ? "desc" : "asc",
      }
    }
  } catch {}
  throw InvalidFields.of("cursor", "is not a cursor this API returned")
}

/** The names of a list's sort parameters: the attribute, and the direction (asc|desc). */
export interface SortParams {
  readonly attr: string
  readonly dir: string
}

/** `/learn/v1/*` lists sort by `sort_by` and `sort_by_direction` [SDK; seen: `MarkEstey/firehose-tap-docebo`]. */
export const learnSort: SortParams = { attr: "sort_by", dir: "sort_by_direction" }
/** The other services' lists [assumed]. */
export const defaultSort: SortParams = { attr: "sort_attr", dir: "sort_dir" }

/** Reads `page` (0 and 1 both mean the first), `page_size`, the sort parameters, `search_text`, `cursor`. */
export const readListQuery = (
  c: Context,
  sortable: readonly string[],
  sortedBy: string,
  params: SortParams = defaultSort,
): ListQuery => {
  const page = Math.max(1, positiveInt(c.req.query("page"), "page", 1, 0, Number.MAX_SAFE_INTEGER))
  const pageSize = positiveInt(c.req.query("page_size"), "page_size", DEFAULT_PAGE_SIZE, 1, MAX_PAGE_SIZE)
  const sortDirParam = c.req.query(params.dir) ?? "asc"
  if (sortDirParam !== "asc" && sortDirParam !== "desc") throw InvalidFields.of(params.dir, "must be asc or desc")
  const sortAttr = c.req.query(params.attr) || sortedBy
  if (!sortable.includes(sortAttr)) throw InvalidFields.of(params.attr, `must be one of ${sortable.join(", ")}`)
  const cursorParam = c.req.query("cursor")
  const cursor = cursorParam ? decodeCursor(cursorParam) : null
  const totalParam = c.req.query("get_total_count")
  return {
    page: cursor?.page ?? page,
    pageSize,
    sortAttr: cursor?.sortAttr ?? sortAttr,
    sortDir: cursor?.sortDir ?? sortDirParam,
    searchText: c.req.query("search_text")?.trim().toLowerCase() || null,
    withTotalCount: totalParam === "1" || totalParam === "true",
    after: cursor,
  }
}

const compareScalars = (a: Scalar, b: Scalar): number => {
  if (a === b) return 0
  if (a === null || a === undefined) return -1
  if (b === null || b === undefined) return 1
  if (typeof a === "number" && typeof b === "number") return a - b
  const left = String(a)
  const right = String(b)
  return left < right ? -1 : left > right ? 1 : 0
}

/** Orders rows by one attribute, ties broken by id so the order is total (cursors rely on it). */
export const makeComparator =
  <R>(attr: string, dir: "asc" | "desc", idOf: (row: R) => number) =>
  (a: R, b: R): number => {
    const byAttr = compareScalars((a as Record<string, Scalar>)[attr], (b as Record<string, Scalar>)[attr])
    const order = byAttr !== 0 ? byAttr : idOf(a) - idOf(b)
    return dir === "asc" ? order : -order
  }

export const matchesSearch = (searchText: string | null, ...fields: (string | null)[]): boolean =>
  searchText === null || fields.some((field) => field?.toLowerCase().includes(searchText))

/** The first index after the cursor's row, found by binary search in the sorted view. */
const startAfter = <R>(rows: readonly R[], after: CursorPosition, query: ListQuery, idOf: (row: R) => number) => {
  const comparePivot = (row: R) => {
    const byAttr = compareScalars((row as Record<string, Scalar>)[query.sortAttr], after.value)
    const order = byAttr !== 0 ? byAttr : idOf(row) - after.id
    return query.sortDir === "asc" ? order : -order
  }
  let low = 0
  let high = rows.length
  while (low < high) {
    const middle = (low + high) >>> 1
    if (comparePivot(rows[middle] as R) <= 0) low = middle + 1
    else high = middle
  }
  return low
}

/** Docebo's list envelope [doc] over an already filtered and sorted view; `answer` gives each row's API shape. */
export const sendList = <R>(
  c: Context,
  query: ListQuery,
  rows: readonly R[],
  idOf: (row: R) => number,
  answer: (row: R) => unknown = (row) => row,
): Response => {
  const start = query.after ? startAfter(rows, query.after, query, idOf) : (query.page - 1) * query.pageSize
  const items = rows.slice(start, start + query.pageSize)
  const hasMore = start + query.pageSize < rows.length
  const last = items.at(-1)
  const cursor =
    hasMore && last !== undefined
      ? Buffer.from(
          JSON.stringify({
            a: query.sortAttr,
            d: query.sortDir,
            v: (last as Record<string, Scalar>)[query.sortAttr],
            i: idOf(last),
            p: query.page + 1,
          }),
        ).toString("base64url")
      : ""
  return sendJson(c, {
    data: {
      items: items.map(answer),
      count: items.length,
      has_more_data: hasMore,
      current_page: query.page,
      current_page_size: query.pageSize,
      total_page_count: Math.ceil(rows.length / query.pageSize),
      ...(query.withTotalCount ? { total_count: rows.length } : {}),
      cursor,
    },
    version: "1.0.0",
    _links: [],
  })
}

/** Sorts `rows` for `query`; callers cache the result per table version. */
export const sortFor = <R>(rows: Iterable<R>, query: ListQuery, idOf: (row: R) => number): R[] =>
  [...rows].sort(makeComparator(query.sortAttr, query.sortDir, idOf))

export const viewKey = (query: ListQuery, ...filters: unknown[]): string =>
  JSON.stringify([query.sortAttr, query.sortDir, query.searchText, ...filters])
