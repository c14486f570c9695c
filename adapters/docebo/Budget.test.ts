import { describe, expect, it } from "@effect/vitest"
import { Effect } from "effect"
import type { DoceboSeed } from "../../simulators/docebo/index.ts"
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

describe("Docebo request budget", () => {
  it.scoped("a snapshot of two thousand calls never meets Docebo's 1,000 calls an hour", () =>
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
      // Two tokens: the snapshot outlives the first.
      expect(calls).toBe(2 + 2 + 100 + 1900 + 5)
      expect(sim.state.calls.summary().counts.filter((count) => count.status === 429)).toEqual([])
      // 950 calls at once, then 950 an hour.
      const hours = (clock.unsafeCurrentTimeMillis() - testStart) / 3_600_000
      expect(hours).toBeGreaterThan((calls - 950) / 950 - 0.01)
      expect(hours).toBeLessThan((calls - 950) / 950 + 0.05)
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
