import { Context, Effect, Layer } from "effect"
import type { System } from "../../engine/Plan.ts"
import type { RequestPriority } from "../../engine/Ports.ts"

/** A call's outcome: the HTTP status, or `network` when no answer came (refused, reset, timed out). */
export type CallOutcome = number | "network"

export interface CallRecord {
  readonly system: System
  readonly method: string
  /** The path with its ids as `:id`, e.g. `/course/v1/sessions/:id/events`. */
  readonly template: string
  readonly outcome: CallOutcome
}

export interface CallCount extends CallRecord {
  readonly count: number
}

/** Every call made to either system, counted by system, method, path template and outcome. */
export class CallAccounting extends Context.Tag("adapters/http/CallAccounting")<
  CallAccounting,
  {
    /** `priority`: the caller's, counted apart (how much of a system's budget went to interactive work). */
    readonly record: (call: CallRecord, priority?: RequestPriority) => Effect.Effect<void>
    /** The counts so far, sorted by system, template, method and outcome. */
    readonly counts: Effect.Effect<ReadonlyArray<CallCount>>
    /** How many calls matched every given field. */
    readonly total: (filter?: Partial<CallRecord>) => Effect.Effect<number>
    /** Calls made to `system` at `priority`. */
    readonly totalAt: (system: System, priority: RequestPriority) => Effect.Effect<number>
  }
>() {}

const keyOf = (call: CallRecord) => `${call.system} ${call.method} ${call.template} ${call.outcome}`

const matches = (call: CallRecord, filter: Partial<CallRecord>) =>
  (filter.system === undefined || call.system === filter.system) &&
  (filter.method === undefined || call.method === filter.method) &&
  (filter.template === undefined || call.template === filter.template) &&
  (filter.outcome === undefined || call.outcome === filter.outcome)

const compareCounts = (a: CallCount, b: CallCount) =>
  a.system.localeCompare(b.system) ||
  a.template.localeCompare(b.template) ||
  a.method.localeCompare(b.method) ||
  String(a.outcome).localeCompare(String(b.outcome))

export const makeCallAccounting = (): CallAccounting["Type"] => {
  const counts = new Map<string, CallCount>()
  const byPriority = new Map<string, number>()
  return {
    record: (call, priority) =>
      Effect.sync(() => {
        const key = keyOf(call)
        counts.set(key, { ...call, count: (counts.get(key)?.count ?? 0) + 1 })
        if (priority !== undefined) {
          const at = `${call.system} ${priority}`
          byPriority.set(at, (byPriority.get(at) ?? 0) + 1)
        }
      }),
    totalAt: (system, priority) => Effect.sync(() => byPriority.get(`${system} ${priority}`) ?? 0),
    counts: Effect.sync(() => [...counts.values()].sort(compareCounts)),
    total: (filter = {}) =>
      Effect.sync(() => {
        let sum = 0
        for (const entry of counts.values()) if (matches(entry, filter)) sum += entry.count
        return sum
      }),
  }
}

/** One count for the whole process, read later by the metrics endpoint. */
export const CallAccountingLive = Layer.sync(CallAccounting, makeCallAccounting)
