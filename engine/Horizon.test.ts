import { describe, expect, it } from "@effect/vitest"
import { Effect, Exit, Layer } from "effect"
import { makeSyntheticTenant } from "../tenants/Synthetic.ts"
import { plan } from "./Diff.ts"
import { History, toSessionOver, withoutHistory } from "./Horizon.ts"
import { type KnownState, nothingKnown } from "./Known.ts"
import type { DoceboSession } from "./model/Docebo.ts"
import type { StoreSnapshot } from "./model/Store.ts"
import type { ToSession, ToSnapshot } from "./model/Training.ts"
import type { PlanBody } from "./Plan.ts"
import { readChanges } from "./Reads.ts"
import { doceboToPlan, reconcile } from "./Reconcile.ts"
import { stampOfCode } from "./Stamps.ts"
import type { World } from "./testing/MemoryApply.ts"
import { makeMemoryStore } from "./testing/MemoryStore.ts"
import { makeMemorySystems } from "./testing/MemorySystems.ts"

const horizon = "2026-11-27T00:00:00.000Z"
const horizonMs = Date.parse(horizon)

/** A tenant in step that has run for a year: most sessions are over, their Docebo copies hold attendance. */
const tenantWithPast = () => {
  const tenant = makeSyntheticTenant({
    courses: 6,
    sessionsPerCourse: 8,
    seed: 11,
    changeRate: 0,
    history: { today: "2026-12-04", pastDays: 365, aheadDays: 120 },
  })
  return { docebo: tenant.docebo, to: tenant.to, store: tenant.store } satisfies World
}

const over = (session: ToSession) => toSessionOver(session, horizonMs)

/** Runs one sync of `world` against the store's state, the horizon given. */
const syncOnce = (world: Pick<World, "docebo" | "to">, store: ReturnType<typeof makeMemoryStore>) => {
  const systems = makeMemorySystems(world)
  const exit = Effect.runSyncExit(
    reconcile({ runId: `run-${Math.random()}`, auditCourses: 0, full: true, horizon }).pipe(
      Effect.provide(Layer.merge(systems.layer, store.layer)),
    ),
  )
  if (Exit.isFailure(exit)) throw new Error(String(exit.cause))
  return { systems, planned: exit.value.planned as PlanBody }
}

const pastCopies = (world: Pick<World, "docebo" | "to">) => {
  const pastTo = new Set(world.to.sessions.filter(over).map((session) => session.id as string))
  return world.docebo.sessions.filter((session) => pastTo.has(stampOfCode(session.code) ?? ""))
}

const touchedSessions = (systems: ReturnType<typeof makeMemorySystems>) =>
  new Set(systems.writeLog().flatMap((step) => ("sessionId" in step.write ? [step.write.sessionId as string] : [])))

describe("the sync horizon", () => {
  it("a first sync reads the events of live sessions only, and writes nothing to history", () => {
    const world = tenantWithPast()
    const past = pastCopies(world)
    const live = world.docebo.sessions.length - past.length
    expect(past.length).toBeGreaterThan(live)
    const store = makeMemoryStore({ ...world.store, links: { ...world.store.links, session: [] } })
    const { systems, planned } = syncOnce(world, store)
    expect(systems.doceboReads().events).toBe(live)
    expect(planned.history).toEqual({ before: horizon, sessions: past.length })
    const touched = touchedSessions(systems)
    expect(past.filter((session) => touched.has(session.id))).toEqual([])
    // The live copies are adopted by their stamps, as they are; history gets no op at all.
    const sessionOps = planned.ops.filter((op) => op.entity === "session" || op.entity === "event")
    expect(sessionOps.map((op) => `${op.action} ${op.changes.length}`)).toEqual(sessionOps.map(() => "adopt 0"))
    expect(sessionOps.length).toBe(live)
    const pastIds = new Set(past.map((session) => session.id as string))
    expect(sessionOps.filter((op) => pastIds.has(op.target?.id ?? ""))).toEqual([])
  })

  it("a TO change to a past session is warned per course, not applied; a deleted or cancelled one keeps its copy", () => {
    const world = tenantWithPast()
    const store = makeMemoryStore(world.store)
    syncOnce(world, store)
    const past = world.to.sessions.filter(over)
    const [moved, cancelled, deleted] = past as [ToSession, ToSession, ToSession]
    const liveOne = world.to.sessions.find((session) => !over(session)) as ToSession
    const edited = (session: ToSession): ToSession => {
      if (session.id === moved.id) return { ...session, name: `${session.name} (renamed)`, maxParticipants: 99 }
      if (session.id === cancelled.id) return { ...session, status: "cancelled" }
      if (session.id === liveOne.id) return { ...session, maxParticipants: 77 }
      return session
    }
    const to: ToSnapshot = {
      ...world.to,
      sessions: world.to.sessions.filter((session) => session.id !== deleted.id).map(edited),
    }
    const before = world.docebo.sessions
    const { systems, planned } = syncOnce({ docebo: world.docebo, to }, store)

    // The live change went through; nothing of history was written or deleted.
    const copyOf = (session: ToSession) => before.find((copy) => stampOfCode(copy.code) === session.id) as DoceboSession
    const touched = touchedSessions(systems)
    expect(touched.has(copyOf(liveOne).id)).toBe(true)
    for (const session of [moved, cancelled, deleted]) expect(touched.has(copyOf(session).id)).toBe(false)
    const after = systems.current().docebo.sessions
    for (const session of [moved, cancelled, deleted])
      expect(after.find((copy) => copy.id === copyOf(session).id)).toEqual(copyOf(session))

    // One warning for the course whose past session TO renamed (and one for the cancelled one's course, if another).
    const warned = planned.warnings.filter((warning) => warning.code === "history_changed")
    expect(warned.map((warning) => warning.course)).toContain(copyOf(moved).courseId)
    expect(warned.find((warning) => warning.course === copyOf(moved).courseId)?.message).toContain(moved.id)
    expect(planned.ops.filter((op) => op.key === moved.id || op.key === cancelled.id || op.key === deleted.id)).toEqual(
      [],
    )
  })

  it("a session TO moves from the past into the weeks ahead is read and synced again", () => {
    const world = tenantWithPast()
    const store = makeMemoryStore(world.store)
    syncOnce(world, store)
    const revived = world.to.sessions.find(over) as ToSession
    const to: ToSnapshot = {
      ...world.to,
      sessions: world.to.sessions.map((session) =>
        session.id === revived.id
          ? { ...session, slots: session.slots.map((slot, i) => ({ ...slot, day: `2026-12-${10 + i}` })) }
          : session,
      ),
    }
    const first = syncOnce({ docebo: world.docebo, to }, store)
    const copy = world.docebo.sessions.find((session) => stampOfCode(session.code) === revived.id) as DoceboSession
    expect(touchedSessions(first.systems).has(copy.id)).toBe(true)
    const days = first.systems.current().docebo.sessions.find((session) => session.id === copy.id)?.events
    expect(days?.map((event) => event.day).sort()).toEqual(["2026-12-10", "2026-12-11"])
  })
})

describe("withoutHistory", () => {
  it("takes out history on both sides and their links, and nothing live", () => {
    const world = tenantWithPast()
    const store: StoreSnapshot = world.store
    const history = new History(horizon, world.to.sessions, store, "code")
    const live = withoutHistory(world.docebo, world.to, store, history)
    const pastIds = new Set(world.to.sessions.filter(over).map((session) => session.id as string))
    expect(live.to.sessions.some((session) => pastIds.has(session.id))).toBe(false)
    expect(live.to.sessions.length).toBe(world.to.sessions.length - pastIds.size)
    expect(live.docebo.sessions.some((session) => pastIds.has(stampOfCode(session.code) ?? ""))).toBe(false)
    expect(live.store.links.session.some((link) => pastIds.has(link.to))).toBe(false)
    expect(live.sessions).toBe(pastIds.size)
  })
})

describe("a first sync, soonest first", () => {
  it("hands over the courses starting within two weeks once read, their session creates ready while others are unread", () => {
    const world = tenantWithPast()
    const now = "2026-12-04T12:00:00.000Z"
    const until = "2026-12-18"
    // Docebo has only the copies of sessions that are over: every live session is to be created.
    const docebo = { ...world.docebo, sessions: pastCopies(world) }
    const store = { ...world.store, links: { ...world.store.links, session: [] } }
    const systems = makeMemorySystems({ docebo, to: world.to })
    const handed: Array<{ codes: ReadonlyArray<string>; known: KnownState; coursesRead: number }> = []
    const read = readChanges(nothingKnown, store, {
      now,
      horizon,
      auditCourses: 0,
      soonest: {
        days: 14,
        read: (known, codes) =>
          Effect.sync(() => handed.push({ codes, known, coursesRead: systems.doceboReads().sessions ?? 0 })),
      },
    }).pipe(Effect.provide(systems.layer))
    const known = Effect.runSync(read)
    const soon = world.to.sessions.filter(
      (session) => !over(session) && session.slots.some((slot) => slot.day <= until),
    )
    const soonCourses = new Set(soon.map((session) => session.courseId.replace("crs_", "CRS-")))
    expect(soonCourses.size).toBeGreaterThan(0)
    expect(soonCourses.size).toBeLessThan(world.docebo.courses.length)
    expect(handed).toHaveLength(1)
    const [first] = handed as [(typeof handed)[number]]
    expect(new Set(first.codes)).toEqual(soonCourses)
    expect(first.coursesRead).toBe(soonCourses.size)
    // Those courses were read whole: their sessions are created now, not held back until every course is read.
    const planned = plan(doceboToPlan(first.known), first.known.to, store, { horizon, courses: [...first.codes] })
    const creates = planned.ops.filter((op) => op.entity === "session" && op.action === "create")
    expect(creates.map((op) => op.status)).toEqual(creates.map(() => "ready"))
    for (const session of soon) expect(creates.map((op) => op.key)).toContain(session.id)
    expect(Object.keys(known.sessionsReadAt)).toHaveLength(world.docebo.courses.length)
  })
})

describe("a session whose events were left unread", () => {
  it("is never planned on, even with the horizon turned off", () => {
    const world = tenantWithPast()
    const live = world.docebo.sessions.find((session) => session.events.length > 0 && session.enrolled === 0)
    if (live === undefined) throw new Error("the tenant has no live session with events")
    const unread = { ...live, events: [], eventsUnread: true as const }
    const docebo = { ...world.docebo, sessions: world.docebo.sessions.map((s) => (s.id === live.id ? unread : s)) }
    const planned = plan(docebo, world.to, world.store)
    expect(planned.ops.filter((op) => op.target?.id === live.id || op.key === stampOfCode(live.code))).toEqual([])
    expect(planned.history).toBeUndefined()
  })
})
