import { describe, expect, it } from "@effect/vitest"
import { Effect, Either } from "effect"
import { DoceboPort } from "../../engine/Ports.ts"
import { stampCode, stampOfCode } from "../../engine/Stamps.ts"
import type { DoceboSeed } from "../../simulators/docebo/index.ts"
import { answerWith, jsonAnswer } from "../http/testing/Answers.ts"
import { doceboSeed } from "./testing/Seed.ts"
import { simulatedDocebo } from "./testing/Simulated.ts"
import { readDoceboSnapshot } from "./testing/Snapshot.ts"
import { classroomEvent, ids, iltSession, write } from "./testing/Writes.ts"

const faults = { error429Rate: 0.2, error503Rate: 0.2, latencyMs: 2, dropAfterCommitRate: 0.2, seed: 11 }

/** What Node's fetch throws when nothing listens at the address: the refusal is its cause. */
const connectionRefused = () =>
  new TypeError("fetch failed", {
    cause: Object.assign(new Error("connect ECONNREFUSED 127.0.0.1:4001"), { code: "ECONNREFUSED" }),
  })

describe("Docebo under faults", () => {
  it.scoped(
    "a refused connection is one attempt and a read that says Docebo cannot be reached, not a token failure",
    () =>
      Effect.gen(function* () {
        const { run, callCount } = yield* simulatedDocebo({
          seed: doceboSeed,
          // The address is named without the credentials a URL may carry.
          config: { baseUrl: "https://admin:s3cret@acme.docebosaas.com/base" },
          wrapFetch: () => async () => {
            throw connectionRefused()
          },
        })
        const failure = yield* run(Effect.flip(Effect.flatMap(DoceboPort, (docebo) => docebo.courses())))
        expect(failure._tag === "ReadFailed" && failure.reason).toBe(
          "Docebo cannot be reached at https://acme.docebosaas.com (connection refused)",
        )
        expect(yield* callCount).toBe(1)
      }),
  )

  it.scoped("with 429s, 503s, latency and lost answers, a full snapshot still completes and reads the same", () =>
    Effect.gen(function* () {
      const { run, sim } = yield* simulatedDocebo({ seed: doceboSeed })
      const calm = yield* run(readDoceboSnapshot)
      yield* Effect.promise(() => sim.control("POST", "faults", faults))

      const stormy = yield* run(readDoceboSnapshot)

      expect(stormy).toEqual(calm)
      const statuses = sim.state.calls.summary().counts.map((count) => count.status)
      expect(statuses).toEqual(expect.arrayContaining([429, 503]))
    }),
  )

  it.scoped("creates end in success or a typed error, and never in a duplicate", () =>
    Effect.gen(function* () {
      const { run, sim } = yield* simulatedDocebo({ seed: doceboSeed })
      yield* run(Effect.flatMap(DoceboPort, (docebo) => docebo.domain()))
      yield* Effect.promise(() => sim.control("POST", "faults", faults))
      const slots = Array.from({ length: 10 }, (_, index) => `ses_storm_${index}`)

      const outcomes = yield* run(
        Effect.forEach(slots, (slot, index) => {
          const session = { ...iltSession, name: `Storm ${index}`, code: stampCode(slot) }
          const events = [classroomEvent("2025-07-01")]
          return Effect.either(write({ kind: "createSession", courseId: ids.course("1"), session, events }))
        }),
      )

      const state = sim.state.snapshot()
      for (const [index, outcome] of outcomes.entries()) {
        const made = state.sessions.filter((session) => stampOfCode(session.code) === `ses_storm_${index}`)
        expect(made.length).toBeLessThanOrEqual(1)
        const madeIds = new Set(made.map((session) => session.id))
        expect(state.events.filter((event) => madeIds.has(event.id_session)).length).toBe(made.length)
        if (Either.isRight(outcome)) expect(made.map((session) => String(session.id))).toEqual([outcome.right.id])
        else expect(["WriteRejected", "WriteAmbiguous"]).toContain(outcome.left._tag)
      }
      expect(outcomes.some(Either.isLeft)).toBe(true)
      expect(outcomes.filter(Either.isRight).length).toBeGreaterThan(slots.length / 2)
    }),
  )

  it.scoped("updates are retried through lost answers and end applied or in a typed error", () =>
    Effect.gen(function* () {
      const { run, sim } = yield* simulatedDocebo({ seed: doceboSeed })
      yield* run(Effect.flatMap(DoceboPort, (docebo) => docebo.domain()))
      yield* Effect.promise(() => sim.control("POST", "faults", faults))
      const names = Array.from({ length: 10 }, (_, index) => `Forklift, take ${index}`)

      const outcomes = yield* run(
        Effect.forEach(names, (name) =>
          Effect.either(write({ kind: "updateSession", sessionId: ids.session("100"), fields: { name } })),
        ),
      )

      for (const outcome of outcomes) {
        if (Either.isLeft(outcome)) expect(["WriteRejected", "WriteAmbiguous"]).toContain(outcome.left._tag)
      }
      const last = outcomes.at(-1)
      if (last && Either.isRight(last)) {
        expect(sim.state.snapshot().sessions.find((session) => session.id === 100)?.name).toBe(names.at(-1))
      }
    }),
  )

  it.scoped("a delete whose answer was lost is found done when sent again", () =>
    Effect.gen(function* () {
      const { run, sim } = yield* simulatedDocebo({ seed: doceboSeed })
      yield* run(Effect.flatMap(DoceboPort, (docebo) => docebo.domain()))
      yield* Effect.promise(() => sim.control("POST", "faults", { dropAfterCommitRate: 1 }))

      const result = yield* run(write({ kind: "deleteSession", sessionId: ids.session("101"), force: false }))

      expect(result).toEqual({ id: "101" })
      expect(sim.state.calls.count("DELETE", "/course/v1/sessions/:id", 404)).toBe(1)
      expect(sim.state.snapshot().sessions.map((session) => session.id)).not.toContain(101)
    }),
  )

  it.scoped("an update that never gets its answer is WriteAmbiguous, though Docebo applied it", () =>
    Effect.gen(function* () {
      const { run, sim } = yield* simulatedDocebo({ seed: doceboSeed })
      yield* run(Effect.flatMap(DoceboPort, (docebo) => docebo.domain()))
      yield* Effect.promise(() => sim.control("POST", "faults", { dropAfterCommitRate: 1 }))
      const fields = { name: "Renamed in the dark" }

      const error = yield* run(write({ kind: "updateSession", sessionId: ids.session("100"), fields })).pipe(
        Effect.flip,
      )

      expect(error._tag).toBe("WriteAmbiguous")
      expect(sim.state.snapshot().sessions.find((session) => session.id === 100)?.name).toBe(fields.name)
    }),
  )

  it.scoped("a session whose events keep failing is left out, and the listing is partial", () =>
    Effect.gen(function* () {
      const { run, sim } = yield* simulatedDocebo({ seed: doceboSeed })
      yield* Effect.promise(() => sim.control("POST", "faults", { failPaths: ["/course/v1/sessions/101/events"] }))

      const sessions = yield* run(Effect.flatMap(DoceboPort, (docebo) => docebo.sessions(ids.course("1"))))

      expect(sessions.complete).toBe(false)
      expect(sessions.items.map((session) => session.id)).toEqual(["100"])
    }),
  )

  it.scoped("a session deleted between the listing and its events read is left out, and the listing is complete", () =>
    Effect.gen(function* () {
      const isDeletedSessionEvents = (url: URL) => url.pathname === "/course/v1/sessions/101/events"
      const { run } = yield* simulatedDocebo({
        seed: doceboSeed,
        wrapFetch: answerWith(isDeletedSessionEvents, () =>
          jsonAnswer({ name: "Not Found", message: "Session 101 does not exist", code: 0, status: 404 }, 404),
        ),
      })

      const sessions = yield* run(Effect.flatMap(DoceboPort, (docebo) => docebo.sessions(ids.course("1"))))

      expect(sessions.complete).toBe(true)
      expect(sessions.items.map((session) => session.id)).toEqual(["100"])
    }),
  )

  it.scoped("a page that keeps failing after the first leaves the listing partial with what was read", () =>
    Effect.gen(function* () {
      const manyUsers: DoceboSeed = {
        users: Array.from({ length: 450 }, (_, index) => ({
          user_id: index + 1,
          username: `user${index}`,
          email: `user${index}@acme.example`,
        })),
      }
      const isSecondUserPage = (url: URL) => url.pathname === "/manage/v1/user" && url.searchParams.get("page") === "2"
      const { run } = yield* simulatedDocebo({
        seed: manyUsers,
        wrapFetch: answerWith(isSecondUserPage, () => jsonAnswer({ message: "overloaded" }, 503)),
      })

      const users = yield* run(Effect.flatMap(DoceboPort, (docebo) => docebo.users()))

      expect(users.complete).toBe(false)
      expect(users.items.map((user) => user.id)).toEqual(Array.from({ length: 200 }, (_, index) => String(index + 1)))
    }),
  )

  it.scoped("a listing whose first page keeps failing is a ReadFailed", () =>
    Effect.gen(function* () {
      const { run, sim } = yield* simulatedDocebo({ seed: doceboSeed })
      yield* Effect.promise(() => sim.control("POST", "faults", { failPaths: ["/learn/v1/location"] }))
      const error = yield* run(Effect.flatMap(DoceboPort, (docebo) => docebo.locations())).pipe(Effect.flip)
      expect(error._tag === "ReadFailed" && [error.resource, error.status]).toEqual(["/learn/v1/location", 503])
      // The first attempt and every retry of the policy.
      expect(sim.state.calls.count("GET", "/learn/v1/location")).toBe(7)
    }),
  )
})
