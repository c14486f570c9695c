/**
 * Rows by id plus derived orderings (sorted and filtered views) that are built once and reused until the next write,
 * so paging through 100,000 rows does not re-sort them for every page.
 */
export class Table<K, R> {
  private rows = new Map<K, R>()
  private views = new Map<string, R[]>()
  private readonly maxViews = 64

  constructor(
    private readonly keyOf: (row: R) => K,
    private readonly shape: (row: R) => R = (row) => row,
  ) {}

  get size(): number {
    return this.rows.size
  }

  get(id: K): R | undefined {
    return this.rows.get(id)
  }

  has(id: K): boolean {
    return this.rows.has(id)
  }

  values(): IterableIterator<R> {
    return this.rows.values()
  }

  keys(): IterableIterator<K> {
    return this.rows.keys()
  }

  put(row: R): void {
    this.rows.set(this.keyOf(row), this.shape(row))
    this.views.clear()
  }

  delete(id: K): boolean {
    this.views.clear()
    return this.rows.delete(id)
  }

  load(rows: readonly R[]): void {
    this.rows = new Map(rows.map((row) => [this.keyOf(row), this.shape(row)]))
    this.views.clear()
  }

  /** A derived ordering named by `key`, computed by `build` at most once per version of the table. */
  view(key: string, build: () => R[]): R[] {
    const cached = this.views.get(key)
    if (cached) return cached
    if (this.views.size >= this.maxViews) this.views.clear()
    const built = build()
    this.views.set(key, built)
    return built
  }
}

/** Rebuilds a record with exactly `keys`, in that order, so every answer lists fields the same way. */
export const shapeOf =
  <R>(keys: readonly (keyof R)[]) =>
  (row: R): R => {
    const shaped = {} as R
    for (const key of keys) shaped[key] = row[key]
    return shaped
  }
