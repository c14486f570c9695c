import { describe, expect, it } from "@effect/vitest"
import { Effect, Exit, Layer } from "effect"
import { type ReadNotice, recordUnreadable } from "./Notices.ts"
import { DoceboPort } from "./Ports.ts"
import { reconcile } from "./Reconcile.ts"
import { stampOfCode } from "./Stamps.ts"
import * as B from "./testing/Builders.ts"
import type { World } from "./testing/MemoryApply.ts"
import { makeMemoryStore } from "./testing/MemoryStore.ts"
import { makeMemorySystems } from "./testing/MemorySystems.ts"

/** Two ILT courses, each with two validated TO sessions of one slot; nothing in Docebo yet but the courses. */
const tenant: World = {
  docebo: B.doceboSnapshot({ courses: [B.doceboCourse("1"), B.doceboCourse("2")] }),
  to: B.toSnapshot({
    courses: [
      B.toCourse("c1", { code: "C-1", externalRef: "1", title: "Course 1" }),
      B.toCourse("c2", { code: "C-2", externalRef: "2", title: "Course 2" }),
    ],
    sessions: ["1a", "1b", "2a", "2b"].map((id) =>
      B.toSession(`S${id}`, `c${id[0]}`, { slots: [B.toSlot(`slot-${id}`)] }),
    ),
  }),
  store: B.storeSnapshot(),
}

const unreadable = (course: string, key: string): ReadNotice => ({
  code: recordUnreadable,
  key,
  course,
  message: `Docebo session ${key} could not be read (max_enroll is "twelve"); course ${course} is not synced until it can be`,
})

/**
 * Docebo as the memory systems hold it, except that some of its records cannot be decoded: course `course`'s listing
 * leaves it out, and session `session` is left out of its course's listing, each with the adapter's notice.
 */
const undecodable = (base: Layer.Layer<DoceboPort>, records: { course?: string; session?: string }) =>
  Layer.effect(
    DoceboPort,
    Effect.map(DoceboPort, (docebo) => ({
      ...docebo,
      courses: () =>
        Effect.map(docebo.courses(), (listing) =>
          records.course === undefined
            ? listing
            : {
                ...listing,
                items: listing.items.filter((course) => course.id !== records.course),
                notices: [{ ...unreadable(records.course, records.course), key: records.course }],
              },
        ),
      sessions: (courseId) =>
        Effect.map(docebo.sessions(courseId), (listing) => {
          const hidden = listing.items.find((session) => session.id === records.session)
          return hidden === undefined
            ? listing
            : {
                items: listing.items.filter((session) => session !== hidden),
                complete: false,
                notices: [unreadable(courseId, hidden.id)],
              }
        }),
    })),
  ).pipe(Layer.provide(base))

describe("a Docebo record that cannot be decoded fails only its own course", () => {
  it("the other course's deletions go on; nothing of the failing course is deleted, and its status names why", () => {
    const store = makeMemoryStore(tenant.store)
    const first = makeMemorySystems(tenant)
    const run = (systems: ReturnType<typeof makeMemorySystems>, docebo: Layer.Layer<DoceboPort>, n: number) =>
      Effect.runSyncExit(
        reconcile({ runId: `run-${n}`, auditCourses: 0 }).pipe(
          // The Docebo given goes before the memory systems' own.
          Effect.provide(docebo),
          Effect.provide(Layer.merge(systems.layer, store.layer)),
        ),
      )
    expect(Exit.isSuccess(run(first, first.layer, 1))).toBe(true)
    const synced = first.current()
    const copyOf = (to: string) => synced.docebo.sessions.find((session) => stampOfCode(session.code) === to)
    expect(synced.docebo.sessions).toHaveLength(4)

    // TO cancels one session of each course; Docebo answers one session of course 1 in a shape iltsync cannot read.
    const cancelled = {
      ...synced.to,
      sessions: synced.to.sessions.map((s) =>
        s.id === "S1a" || s.id === "S2a" ? { ...s, status: "cancelled" as const } : s,
      ),
    }
    const second = makeMemorySystems({ docebo: synced.docebo, to: cancelled })
    const report = run(second, undecodable(second.layer, { session: copyOf("S1b")?.id }), 2)
    if (Exit.isFailure(report)) throw new Error(String(report.cause))
    const { planned, statuses } = report.value

    const docebo = second.current().docebo
    expect(docebo.sessions.map((session) => stampOfCode(session.code)).sort()).toEqual(["S1a", "S1b", "S2b"])
    const blocked = planned.ops.find((op) => op.target?.id === copyOf("S1a")?.id)
    expect(blocked).toMatchObject({ action: "delete", status: "blocked", course: "1" })
    expect(blocked?.reason).toContain('max_enroll is "twelve"')
    expect(planned.warnings.filter((w) => w.code === recordUnreadable).map((w) => w.course)).toEqual(["1"])
    expect(statuses.map((s) => [s.courseId, s.status])).toEqual([
      ["1", "error"],
      ["2", "synced"],
    ])
    expect(statuses[0]?.error).toContain('max_enroll is "twelve"')
    // Its record is read again next time: the course stays unread, and its notice is kept until then.
    expect(store.known().sessionsReadAt["1"]).toBeUndefined()
    expect(store.known().notices?.map((notice) => notice.source)).toEqual(["sessions:1"])
    expect(store.known().docebo.complete.sessions).toBe(true)
  })

  it("a course whose own record cannot be decoded is kept as last known: its TO course is not archived", () => {
    const store = makeMemoryStore(tenant.store)
    const systems = makeMemorySystems(tenant)
    const run = (docebo: Layer.Layer<DoceboPort>, n: number) =>
      Effect.runSyncExit(
        reconcile({ runId: `run-${n}`, auditCourses: 0 }).pipe(
          // The Docebo given goes before the memory systems' own.
          Effect.provide(docebo),
          Effect.provide(Layer.merge(systems.layer, store.layer)),
        ),
      )
    expect(Exit.isSuccess(run(systems.layer, 1))).toBe(true)
    const report = run(undecodable(systems.layer, { course: "2" }), 2)
    if (Exit.isFailure(report)) throw new Error(String(report.cause))
    expect(report.value.planned.ops).toEqual([])
    expect(systems.current().to.courses.every((course) => course.active)).toBe(true)
    expect(report.value.statuses.map((s) => [s.courseId, s.status])).toEqual([
      ["1", "synced"],
      ["2", "error"],
    ])
    // Once Docebo answers it again, the course is in step and its error is gone.
    const again = run(systems.layer, 3)
    if (Exit.isFailure(again)) throw new Error(String(again.cause))
    expect(again.value.statuses.map((s) => s.status)).toEqual(["synced", "synced"])
    expect(store.known().notices ?? []).toEqual([])
  })
})
