import { describe, expect, it } from "@effect/vitest"
import { Effect, Exit, Layer } from "effect"
import { makeSyntheticTenant } from "../tenants/Synthetic.ts"
import { plan } from "./Diff.ts"
import type { KnownState } from "./Known.ts"
import type { DoceboSnapshot } from "./model/Docebo.ts"
import { emptyLinks } from "./model/Store.ts"
import type { ToSnapshot } from "./model/Training.ts"
import type { ReadProgress } from "./Reads.ts"
import { reconcile } from "./Reconcile.ts"
import { type DoceboStamps, doceboStampPlaces } from "./Stamps.ts"
import type { World } from "./testing/MemoryApply.ts"
import { makeMemoryStore } from "./testing/MemoryStore.ts"
import { type MemoryFaults, makeMemorySystems } from "./testing/MemorySystems.ts"

/**
 * A tenant before its first sync: Docebo has courses, users and accounts; TO has the schedule and resources, its
 * virtual rooms (which its online sessions are held in) not yet stamped with the accounts they mirror.
 */
const beforeFirstSync = (): World => {
  const tenant = makeSyntheticTenant({ courses: 6, sessionsPerCourse: 3, seed: 5, changeRate: 0 })
  return {
    docebo: { ...tenant.docebo, sessions: [], locations: [], classrooms: [] },
    to: {
      ...tenant.to,
      courses: tenant.to.courses.filter((_, i) => i % 2 === 0).map((c) => ({ ...c, externalRef: null })),
      trainers: tenant.to.trainers.map((t, i) => (i % 2 === 0 ? { ...t, externalRef: null } : t)),
      rooms: tenant.to.rooms.map((room) => (room.kind === "virtual" ? { ...room, externalRef: null } : room)),
      sessions: tenant.to.sessions.filter((s) => Number(s.courseId.slice(4)) % 2 === 0),
    },
    store: { ...tenant.store, links: emptyLinks },
  }
}

const setup = (w: World, faults: MemoryFaults = {}, stamps: DoceboStamps = "code") => {
  const systems = makeMemorySystems(w, faults, stamps)
  const store = makeMemoryStore(w.store)
  const layer = Layer.merge(systems.layer, store.layer)
  let runs = 0
  const run = (
    options: { approveHeld?: boolean; readProgress?: (progress: ReadProgress) => Effect.Effect<void> } = {},
  ) =>
    Effect.runSyncExit(reconcile({ runId: `run-${++runs}`, auditCourses: 0, ...options }).pipe(Effect.provide(layer)))
  return { systems, store, run, stamps }
}

/**
 * Every record iltsync creates carries the other side's id, or is known by its natural key where Docebo keeps no
 * stamp (a session by its course, name and first day; an event by its date and start time in its session): two
 * records with one key are a duplicate.
 */
const keysOf = (docebo: DoceboSnapshot, to: ToSnapshot): ReadonlyArray<string> => [
  ...docebo.sessions.map((s) => `session:${s.courseId}|${s.name}|${s.events[0]?.day}`),
  ...docebo.sessions.flatMap((s) => s.events.map((e) => `event:${s.id}|${e.day} ${e.timeBegin}`)),
  ...docebo.locations.map((l) => `location:${l.name}|${l.address}`),
  ...docebo.classrooms.map((c) => `classroom:${c.locationId}|${c.name}`),
  ...to.courses.map((c) => `course:${c.externalRef}`),
  ...to.trainers.map((t) => `trainer:${t.externalRef}`),
  ...to.rooms.filter((r) => r.kind === "virtual").map((r) => `room:${r.externalRef}`),
]

const duplicates = (docebo: DoceboSnapshot, to: ToSnapshot) => {
  const all = keysOf(docebo, to)
  return all.filter((stamp, i) => all.indexOf(stamp) !== i)
}

const freshPlan = (s: ReturnType<typeof setup>) => {
  const { docebo, to } = s.systems.current()
  const complete = { docebo, to } as Pick<KnownState, "docebo" | "to">
  return plan(complete.docebo, complete.to, s.store.store(), { stamps: s.stamps })
}

describe.each(doceboStampPlaces)("reconcile, session stamps kept in: %s", (stamps) => {
  it("a first sync converges: a fresh plan is empty and a second run writes nothing", () => {
    const s = setup(beforeFirstSync(), {}, stamps)
    expect(Exit.isSuccess(s.run())).toBe(true)
    const writes = s.systems.writes()
    expect(writes).toBeGreaterThan(20)
    expect(freshPlan(s).ops).toEqual([])
    expect(Exit.isSuccess(s.run())).toBe(true)
    expect(s.systems.writes()).toBe(writes)
    expect(s.store.log().filter((e) => e.action.endsWith(".failed"))).toEqual([])
  })

  it("a crash at any write, then a restart, ends in step with no duplicate on either side", () => {
    const clean = setup(beforeFirstSync(), {}, stamps)
    clean.run()
    const total = clean.systems.writes()
    const expected = keysOf(clean.systems.current().docebo, clean.systems.current().to).length
    for (let k = 1; k <= total; k++) {
      const faults: { crashAt?: number } = { crashAt: k }
      const s = setup(beforeFirstSync(), faults, stamps)
      expect(Exit.isFailure(s.run())).toBe(true)
      faults.crashAt = undefined
      expect(Exit.isSuccess(s.run())).toBe(true)
      const { docebo, to } = s.systems.current()
      expect({ k, duplicates: duplicates(docebo, to) }).toEqual({ k, duplicates: [] })
      expect({ k, records: keysOf(docebo, to).length }).toEqual({ k, records: expected })
      expect({ k, ops: freshPlan(s).ops }).toEqual({ k, ops: [] })
    }
  })

  it("answers lost after the write (one in five) end in step with no duplicate", () => {
    const s = setup(beforeFirstSync(), { loseAnswer: (_write, n) => n % 5 === 0 }, stamps)
    s.run()
    s.run()
    const { docebo, to } = s.systems.current()
    expect(duplicates(docebo, to)).toEqual([])
    expect(freshPlan(s).ops).toEqual([])
  })
})

describe("a read's progress", () => {
  it("is reported as it goes: every listing, then the courses' sessions one by one, the records counted", () => {
    const tenant = makeSyntheticTenant({ courses: 4, sessionsPerCourse: 3, seed: 7, changeRate: 0 })
    const s = setup({ docebo: tenant.docebo, to: tenant.to, store: tenant.store })
    const reports: ReadProgress[] = []
    expect(Exit.isSuccess(s.run({ readProgress: (progress) => Effect.sync(() => reports.push(progress)) }))).toBe(true)
    const courses = s.systems.current().docebo.courses.length
    expect(reports[0]).toMatchObject({ listingsRead: 0, listingsTotal: 12, recordsRead: 0, sessionsToRead: null })
    const listed = reports.findIndex((report) => report.sessionsToRead !== null)
    expect(reports[listed]).toMatchObject({ listingsRead: 12, doceboListingsLeft: 0, sessionsToRead: courses })
    expect(reports.slice(listed + 1).map((report) => report.sessionsRead)).toEqual(
      Array.from({ length: courses }, (_, i) => i + 1),
    )
    const records = reports.map((report) => report.recordsRead)
    expect([...records].sort((a, b) => a - b)).toEqual(records)
    // Each session counts with its events.
    const sessions = s.systems.current().docebo.sessions
    const withEvents = sessions.reduce((sum, session) => sum + 1 + session.events.length, 0)
    expect((records.at(-1) ?? 0) - (records[listed] ?? 0)).toBe(withEvents)
    expect(reports.at(-1)?.sessionsFound).toBe(sessions.length)
  })
})
