import { describe, expect, it } from "@effect/vitest"
import { Effect } from "effect"
import type { DoceboSeed } from "../../simulators/docebo/index.ts"
import type { CallLog } from "../../simulators/shared/CallLog.ts"
import { makeMemoryLedger } from "../http/Window.ts"
import { simulatedDocebo, testStart } from "./testing/Simulated.ts"
import { readDoceboSnapshot } from "./testing/Snapshot.ts"

/** A tenant whose full snapshot takes about two thousand calls: 100 ILT courses of 19 one-day sessions. */
const largeTenant = (courses: number, sessionsPerCourse: number): DoceboSeed => {
  const courseIds = Array.from({ length: courses }, (_, index) => index + 1)
  const sessions = courseIds.flatMap((courseId) =>
    Array.from({ length: sessionsPerCourse }, (_, index) => ({
      id: courseId * 100 + index,
      id_course: courseId,
      name: `Session ${courseId}-${index}`,
    })),
  )
  return {
    courses: courseIds.map((id) => ({ id_course: id, name: `Course ${id}`, course_type: "classroom" as const })),
    sessions,
    events: sessions.map((session) => ({
      id: session.id,
      id_session: session.id,
      day: "2025-09-01",
      time_begin: "09:00:00",
      time_end: "17:00:00",
      timezone: "Europe/Paris",
    })),
  }
}

/** The most calls the simulator saw in any rolling hour (429s included: Docebo counts every call). */
const busiestHour = (sim: { readonly state: { readonly calls: CallLog } }) => {
  const sorted = sim.state.calls
    .summary()
    .log.map((call) => call.at)
    .sort((a, b) => a - b)
  let most = 0
  for (let end = 0, start = 0; end < sorted.length; end++) {
    while ((sorted[start] ?? 0) <= (sorted[end] ?? 0) - 3_600_000) start++
    most = Math.max(most, end - start + 1)
  }
  return most
}

describe("Docebo request budget", () => {
  it.scoped("a snapshot of two thousand calls keeps every rolling hour under Docebo's 1,000 calls", () =>
    Effect.gen(function* () {
      const { run, sim, clock, callCount } = yield* simulatedDocebo({
        seed: largeTenant(100, 19),
        rateLimit: { perHour: 1000 },
        config: { concurrency: 8 },
      })

      const snapshot = yield* run(readDoceboSnapshot)

      expect(snapshot.sessions.items).toHaveLength(1900)
      expect(snapshot.sessions.complete).toBe(true)
      const calls = yield* callCount
      // Three tokens: the snapshot outlives two. Each is taken once the budget lets its call go, so none expires
      // while a call waits (with the token taken first, the calls waiting out the hour were sent with a dead one).
      expect(calls).toBe(3 + 2 + 100 + 1900 + 5)
      expect(sim.state.calls.summary().counts.filter((count) => count.status === 429)).toEqual([])
      // A background read uses 950 less the 5% kept for interactive work: 903 calls at once, 903 more when they
      // have aged an hour, then the rest.
      expect(busiestHour(sim)).toBe(903)
      const hours = (clock.unsafeCurrentTimeMillis() - testStart) / 3_600_000
      expect(hours).toBeGreaterThanOrEqual(2)
      expect(hours).toBeLessThan(2.05)
    }),
  )

  it.scoped(
    "a restart in the middle of a limited sync starts from what was spent: every rolling hour stays under",
    () =>
      Effect.gen(function* () {
        const ledger = makeMemoryLedger()
        const { run, sim, restart } = yield* simulatedDocebo({
          seed: largeTenant(100, 19),
          rateLimit: { perHour: 1000 },
          config: { concurrency: 8 },
          ledger,
        })
        // The process stops half an hour in, its budget long spent; the next one reads everything again.
        const cut = yield* run(Effect.timeout(readDoceboSnapshot, "30 minutes").pipe(Effect.option))
        expect(cut._tag).toBe("None")
        yield* restart
        const snapshot = yield* run(readDoceboSnapshot)
        expect(snapshot.sessions.complete).toBe(true)
        expect(busiestHour(sim)).toBeLessThanOrEqual(950)
        expect(sim.state.calls.summary().counts.filter((count) => count.status === 429)).toEqual([])
      }),
  )

  it.scoped(
    "two processes reading at once over one ledger (workers of one tenant) keep every rolling hour under, together",
    () =>
      Effect.gen(function* () {
        const { run, sim, another } = yield* simulatedDocebo({
          seed: largeTenant(60, 19),
          rateLimit: { perHour: 1000 },
          config: { concurrency: 4 },
          ledger: makeMemoryLedger(),
        })
        const runElsewhere = yield* another
        const [first, second] = yield* Effect.all([run(readDoceboSnapshot), runElsewhere(readDoceboSnapshot)], {
          concurrency: 2,
        })
        expect(first.sessions.complete && second.sessions.complete).toBe(true)
        // Each budget alone allows 950 an hour: only what the other recorded, read again, keeps the pair under.
        expect(busiestHour(sim)).toBeLessThanOrEqual(1000)
        expect(sim.state.calls.summary().counts.filter((count) => count.status === 429)).toEqual([])
      }),
  )

  it.scoped("a budget set above Docebo's limit is met with 429s", () =>
    Effect.gen(function* () {
      const { run, sim } = yield* simulatedDocebo({
        seed: largeTenant(5, 19),
        rateLimit: { perHour: 60 },
        budget: { limitPerHour: 120, margin: 0 },
      })
      yield* Effect.either(run(readDoceboSnapshot))
      expect(sim.state.calls.summary().counts.some((count) => count.status === 429)).toBe(true)
    }),
  )
})
