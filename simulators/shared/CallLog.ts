export interface CallRecord {
  readonly at: number
  readonly method: string
  readonly path: string
  /** The route as declared, e.g. `/course/v1/sessions/:id/events`; `*` when no route matched. */
  readonly template: string
  readonly status: number
}

export interface CallCount {
  readonly method: string
  readonly template: string
  readonly status: number
  readonly count: number
}

export interface CallSummary {
  readonly total: number
  readonly counts: CallCount[]
  readonly log: CallRecord[]
}

/** Counts every API call; keeps the most recent ones in full so a long benchmark stays bounded in memory. */
export class CallLog {
  private total = 0
  private readonly counts = new Map<string, CallCount>()
  private log: CallRecord[] = []

  constructor(private readonly keepLast = 10_000) {}

  record(call: CallRecord): void {
    this.total += 1
    const key = `${call.method} ${call.template} ${call.status}`
    const previous = this.counts.get(key)
    this.counts.set(key, {
      method: call.method,
      template: call.template,
      status: call.status,
      count: (previous?.count ?? 0) + 1,
    })
    this.log.push(call)
    if (this.log.length > this.keepLast * 2) this.log = this.log.slice(-this.keepLast)
  }

  summary(): CallSummary {
    const counts = [...this.counts.values()].sort(
      (a, b) => a.template.localeCompare(b.template) || a.method.localeCompare(b.method) || a.status - b.status,
    )
    return { total: this.total, counts, log: this.log.slice(-this.keepLast) }
  }

  /** How many calls matched, e.g. `count("POST", "/learn/v1/courses")`. */
  count(method: string, template: string, status?: number): number {
    let sum = 0
    for (const entry of this.counts.values()) {
      if (entry.method === method && entry.template === template && (status === undefined || entry.status === status)) {
        sum += entry.count
      }
    }
    return sum
  }

  clear(): void {
    this.total = 0
    this.counts.clear()
    this.log = []
  }
}
