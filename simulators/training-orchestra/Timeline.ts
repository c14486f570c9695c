import type { ToRecord } from "./Types.ts"

interface Position {
  readonly t: number
  readonly id: string
}

const compare = (a: Position, b: Position): number => a.t - b.t || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)

/** The first index whose position is after `pivot` (or at/after it when `inclusive`). */
const search = (order: readonly Position[], pivot: Position, inclusive: boolean): number => {
  let low = 0
  let high = order.length
  while (low < high) {
    const middle = (low + high) >>> 1
    const sign = compare(order[middle] as Position, pivot)
    if (sign < 0 || (sign === 0 && !inclusive)) low = middle + 1
    else high = middle
  }
  return low
}

/**
 * Records by id plus one ordering by (`updated_at`, `id`), kept up to date on every write, so that a cursor page is a
 * binary search and a slice. A write moves its record to the end, so a client paging with a cursor never misses it.
 */
export class Timeline<R extends ToRecord> {
  private rows = new Map<string, R>()
  private order: Position[] = []

  constructor(private readonly shape: (row: R) => R) {}

  get size(): number {
    return this.rows.size
  }

  get(id: string): R | undefined {
    return this.rows.get(id)
  }

  has(id: string): boolean {
    return this.rows.has(id)
  }

  values(): IterableIterator<R> {
    return this.rows.values()
  }

  put(row: R): R {
    const shaped = this.shape(row)
    const previous = this.rows.get(row.id)
    if (previous) {
      const at = search(this.order, { t: Date.parse(previous.updated_at), id: previous.id }, true)
      if (this.order[at]?.id === previous.id) this.order.splice(at, 1)
    }
    const position = { t: Date.parse(shaped.updated_at), id: shaped.id }
    const last = this.order.at(-1)
    if (!last || compare(last, position) < 0) this.order.push(position)
    else this.order.splice(search(this.order, position, true), 0, position)
    this.rows.set(shaped.id, shaped)
    return shaped
  }

  load(rows: readonly R[]): void {
    const shaped = rows.map(this.shape)
    this.rows = new Map(shaped.map((row) => [row.id, row]))
    this.order = shaped.map((row) => ({ t: Date.parse(row.updated_at), id: row.id })).sort(compare)
  }

  /** Up to `limit` records from `since` (inclusive) and after `after`, and whether more follow. */
  page(options: { since: number | null; after: Position | null; limit: number }): { rows: R[]; more: boolean } {
    const fromSince = options.since === null ? 0 : search(this.order, { t: options.since, id: "" }, true)
    const fromCursor = options.after === null ? 0 : search(this.order, options.after, false)
    const start = Math.max(fromSince, fromCursor)
    const slice = this.order.slice(start, start + options.limit)
    return {
      rows: slice.map((position) => this.rows.get(position.id) as R),
      more: start + options.limit < this.order.length,
    }
  }

  latest(): number | null {
    return this.order.at(-1)?.t ?? null
  }
}
