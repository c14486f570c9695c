import { describe, expect, it } from "@effect/vitest"
import { Effect } from "effect"
import type { DoceboSession } from "../../engine/model/Docebo.ts"
import type { DoceboUserId } from "../../engine/model/Ids.ts"
import { DoceboPort } from "../../engine/Ports.ts"
import type { Fetch } from "../http/Fetch.ts"
import { doceboSeed } from "./testing/Seed.ts"
import { simulatedDocebo } from "./testing/Simulated.ts"
import { byId, readDoceboSnapshot } from "./testing/Snapshot.ts"

const marchSession = {
  id: "100",
  courseId: "1",
  name: "Forklift Safety — Paris, March",
  code: "iltsync:ses_fls_march",
  maxEnroll: 12,
  minEnroll: 3,
  instructors: ["10"],
  completionType: "attendance",
  enrolled: 4,
  events: [
    {
      id: "1000",
      name: "Day 1",
      day: "2025-03-10",
      timeBegin: "09:00:00",
      timeEnd: "17:00:00",
      timezone: "Europe/Paris",
      locationId: "1",
      classroomId: "1",
      tool: null,
      webinarAccountId: null,
      durationMinutes: 480,
      instructors: ["10"],
      joinUrl: null,
    },
    {
      id: "1001",
      name: "Day 2",
      day: "2025-03-11",
      timeBegin: "09:00:00",
      timeEnd: "12:30:00",
      timezone: "Europe/Paris",
      locationId: "1",
      classroomId: "1",
      tool: null,
      webinarAccountId: null,
      durationMinutes: 210,
      instructors: ["10"],
      joinUrl: null,
    },
  ],
} satisfies Record<Exclude<keyof DoceboSession, "endsAt" | "eventsUnread">, unknown>

describe("Docebo snapshot", () => {
  it.scoped("a full snapshot of the seeded tenant decodes to the domain models, without e-learning", () =>
    Effect.gen(function* () {
      const { run, callCount } = yield* simulatedDocebo({ seed: doceboSeed, config: { instructorMark: "user-flag" } })
      const snapshot = yield* run(readDoceboSnapshot)

      expect(byId(snapshot.courses.items)).toEqual([
        { id: "1", code: "FLS-01", name: "Forklift Safety", type: "ilt", language: "english" },
        { id: "2", code: "NEG", name: "Negotiation Skills", type: "vilt", language: "french" },
        { id: "4", code: "", name: "First Aid", type: "ilt", language: "german" },
        { id: "5", code: "XLS-ADV", name: "Excel Advanced", type: "vilt", language: "english" },
      ])
      expect(snapshot.sessions.items.find((session) => session.id === "100")).toEqual(marchSession)
      expect(byId(snapshot.sessions.items).map((session) => [session.id, session.code, session.events.length])).toEqual(
        [
          ["100", "iltsync:ses_fls_march", 2],
          ["101", "", 1],
          ["102", "iltsync:ses_neg_online", 1],
          ["103", "iltsync:ses_xls", 2],
        ],
      )
      const webinarEvent = snapshot.sessions.items.find((session) => session.id === "102")?.events[0]
      expect(webinarEvent).toMatchObject({ tool: "zoom", webinarAccountId: "1", durationMinutes: 90, locationId: null })
      expect(webinarEvent?.joinUrl).toMatch(/^https:\/\/zoom\.us\/j\//)
      expect(byId(snapshot.locations.items)).toEqual([
        { id: "1", name: "Paris HQ", address: "1 rue de Rivoli, Paris", countryCode: "FR" },
        { id: "2", name: "Lyon Campus", address: "5 quai Perrache, Lyon", countryCode: "FR" },
      ])
      expect(byId(snapshot.classrooms.items)).toEqual([
        { id: "1", locationId: "1", name: "Room A", seats: 12 },
        { id: "2", locationId: "1", name: "Room B", seats: 8 },
        { id: "3", locationId: "2", name: "Amphi", seats: null },
      ])
      expect(byId(snapshot.users.items).slice(1, 3)).toEqual([
        {
          id: "10",
          username: "ada",
          firstName: "Ada",
          lastName: "Lovelace",
          email: "ada@acme.example",
          isInstructor: true,
        },
        {
          id: "11",
          username: "grace",
          firstName: "Grace",
          lastName: "Hopper",
          email: "grace@acme.example",
          isInstructor: true,
        },
      ])
      expect(snapshot.users.items.filter((user) => !user.isInstructor).map((user) => user.id)).toEqual([
        "1",
        "12",
        "13",
      ])
      expect(byId(snapshot.webinarAccounts.items)).toEqual([
        { id: "1", tool: "zoom", name: "Zoom Training", email: "zoom@acme.example" },
        { id: "2", tool: "teams", name: "Teams Training", email: "teams@acme.example" },
        { id: "3", tool: "zoom_v3", name: "Zoom v3 Legacy", email: "zoom3@acme.example" },
      ])
      expect(snapshot.domain).toEqual({ domain: "acme.docebosaas.com", isMainDomain: true, checkedBy: "api" })
      const listings = [snapshot.courses, snapshot.sessions, snapshot.locations, snapshot.classrooms, snapshot.users]
      expect(listings.every((listing) => listing.complete)).toBe(true)
      // A token, courses of both types, sessions of 4 courses, events of 4 sessions, and one call per other listing.
      expect(yield* callCount).toBe(1 + 2 + 4 + 4 + 5)
    }),
  )

  it.scoped("users by id: one call each, a user gone from Docebo is simply absent", () =>
    Effect.gen(function* () {
      const { run, callCount } = yield* simulatedDocebo({ seed: doceboSeed, config: { instructorMark: "user-flag" } })
      const ids = ["10", "99", "12"] as DoceboUserId[]
      const users = yield* run(Effect.flatMap(DoceboPort, (docebo) => docebo.users(ids)))
      expect(users.complete).toBe(true)
      expect(users.items.map((user) => [user.id, user.isInstructor])).toEqual([
        ["10", true],
        ["12", false],
      ])
      expect(yield* callCount).toBe(1 + 3)
    }),
  )

  it.scoped("an incremental read returns only the ILT/VILT courses changed since then", () =>
    Effect.gen(function* () {
      const { run, sim, clock } = yield* simulatedDocebo({ seed: doceboSeed })
      clock.advance(2 * 3_600_000)
      const since = new Date(clock.unsafeCurrentTimeMillis()).toISOString()
      clock.advance(5 * 60_000)
      yield* Effect.promise(() => sim.api.put("/learn/v1/courses/2", { name: "Negotiation Skills II" }))
      yield* Effect.promise(() => sim.api.put("/learn/v1/courses/3", { name: "GDPR Basics II" }))

      const changed = yield* run(Effect.flatMap(DoceboPort, (docebo) => docebo.courses({ updatedFrom: since })))

      expect(changed).toEqual({
        items: [{ id: "2", code: "NEG", name: "Negotiation Skills II", type: "vilt", language: "french" }],
        complete: true,
        notices: [],
      })
    }),
  )

  it.scoped("a tenant that ignores the course filters still gives only changed ILT/VILT courses", () =>
    Effect.gen(function* () {
      const ignoreFilters =
        (fetch: Fetch): Fetch =>
        (input, init) => {
          const url = new URL(input)
          url.searchParams.delete("course_type")
          url.searchParams.delete("updated_from")
          return fetch(url.toString(), init)
        }
      const { run, sim, clock } = yield* simulatedDocebo({ seed: doceboSeed, wrapFetch: ignoreFilters })
      clock.advance(2 * 3_600_000)
      const since = new Date(clock.unsafeCurrentTimeMillis()).toISOString()
      clock.advance(5 * 60_000)
      yield* Effect.promise(() => sim.api.put("/learn/v1/courses/5", { code: "XLS-2" }))
      yield* Effect.promise(() => sim.api.put("/learn/v1/courses/6", { code: "ONB-2" }))

      const all = yield* run(Effect.flatMap(DoceboPort, (docebo) => docebo.courses()))
      const changed = yield* run(Effect.flatMap(DoceboPort, (docebo) => docebo.courses({ updatedFrom: since })))

      expect(byId(all.items).map((course) => course.id)).toEqual(["1", "2", "4", "5"])
      expect(changed.items.map((course) => [course.id, course.code])).toEqual([["5", "XLS-2"]])
    }),
  )
})
