import { describe, expect, it } from "@effect/vitest"
import { Effect, Exit, Layer } from "effect"
import { apply } from "./Apply.ts"
import { stampCode, stampOfCode } from "./Stamps.ts"
import * as B from "./testing/Builders.ts"
import type { World } from "./testing/MemoryApply.ts"
import { makeMemoryStore } from "./testing/MemoryStore.ts"
import { type MemoryFaults, makeMemorySystems } from "./testing/MemorySystems.ts"
import { planOf, world } from "./testing/Worlds.ts"

/** Two courses to create in TO, a location and its classroom to create in Docebo. */
const fresh = (): World =>
  world({
    docebo: { courses: [B.doceboCourse("1", { code: "A" }), B.doceboCourse("2", { code: "B" })] },
    to: { locations: [B.toLocation("L1")], rooms: [B.toRoom("R1", { locationId: "L1" })] },
  })

const run = (w: World, faults: MemoryFaults = {}, approveHeld: boolean | ReadonlySet<string> = false) => {
  const systems = makeMemorySystems(w, faults)
  const journal = makeMemoryStore(w.store)
  const planned = planOf(w)
  const exit = Effect.runSyncExit(
    apply(planned, { runId: "r1", ...w, approveHeld }).pipe(Effect.provide(Layer.merge(systems.layer, journal.layer))),
  )
  return { systems, journal, planned, exit }
}

const outcome = (r: ReturnType<typeof run>, opId: string) => r.journal.outcomes().find((o) => o.opId === opId)

describe("apply", () => {
  it("carries out every ready op and records its link", () => {
    const r = run(fresh())
    expect(Exit.isSuccess(r.exit)).toBe(true)
    expect(r.journal.outcomes().map((o) => o.status)).toEqual(["done", "done", "done", "done"])
    expect(r.systems.current().to.courses.map((c) => c.code)).toEqual(["A", "B"])
    if (Exit.isSuccess(r.exit)) expect(r.exit.value.store.links.course.map((l) => l.docebo)).toEqual(["1", "2"])
  })

  it("a refused write fails its op only; an op waiting for it is skipped, not attempted; other courses go on", () => {
    const r = run(fresh(), { reject: (write) => write.kind === "createLocation" })
    expect(outcome(r, "docebo:location:create:L1")).toMatchObject({
      status: "failed",
      reason: expect.stringContaining("refused"),
    })
    expect(outcome(r, "docebo:classroom:create:R1")).toMatchObject({
      status: "skipped",
      reason: expect.stringContaining("waits for docebo:location:create:L1"),
    })
    expect(r.systems.current().docebo.classrooms).toEqual([])
    expect(r.systems.current().to.courses).toHaveLength(2)
  })

  it("a create whose answer is lost is found by its stamp, never sent twice", () => {
    const r = run(fresh(), { loseAnswer: (write) => write.kind === "createCourse" })
    expect(r.journal.outcomes().every((o) => o.status === "done")).toBe(true)
    expect(r.systems.current().to.courses).toHaveLength(2)
    expect(r.systems.writes()).toBe(4)
  })

  it("a create whose answer is lost is not sent again when the look-up's listing is partial; the next run looks again", () => {
    const r = run(fresh(), {
      loseAnswer: (write) => write.kind === "createCourse",
      partialToListing: (resource) => resource === "courses",
    })
    expect(r.systems.current().to.courses).toHaveLength(2)
    expect(r.systems.writes()).toBe(4)
    if (Exit.isSuccess(r.exit))
      expect(r.exit.value.outcomes.filter((o) => o.opId.startsWith("to:course:create")).map((o) => o.status)).toEqual([
        "failed",
        "failed",
      ])
    // Their steps stay unsettled in the journal: the next run's recovery looks them up before anything is sent.
    expect(r.journal.unsettled().map((step) => step.opId)).toEqual(["to:course:create:1", "to:course:create:2"])
  })

  it("a session create whose answer is lost is looked up in its course's session list alone, events unread", () => {
    // The course holds three copies already: reading each one's events (one call each) would find nothing more.
    const slot = B.toSlot("slot-new", { day: "2027-03-01" })
    const r = run(
      world({
        docebo: {
          courses: [B.doceboCourse("1")],
          sessions: ["S1", "S2", "S3"].map((id, i) =>
            B.doceboSession(`9${i}`, "1", { code: stampCode(id), events: [B.doceboEvent(`e${i}`)] }),
          ),
        },
        to: {
          courses: [B.toCourse("c1", { code: "C-1", externalRef: "1", title: "Course 1" })],
          sessions: [B.toSession("S-new", "c1", { status: "validated", slots: [slot] })],
        },
      }),
      { loseAnswer: (write) => write.kind === "createSession" },
    )
    expect(outcome(r, "docebo:session:create:S-new")).toMatchObject({ status: "done" })
    expect(r.systems.current().docebo.sessions.filter((s) => stampOfCode(s.code) === "S-new")).toHaveLength(1)
    expect(r.systems.doceboReads()).toEqual({ sessionList: 1 })
  })

  it("held ops wait for approval, and an approved deletion goes through despite enrollments", () => {
    const base = world({
      docebo: {
        courses: [B.doceboCourse("1")],
        sessions: [B.doceboSession("90", "1", { code: stampCode("S1"), enrolled: 3 })],
      },
      to: {
        courses: [B.toCourse("c1", { code: "C-1", externalRef: "1", title: "Course 1" })],
        sessions: [B.toSession("S1", "c1", { status: "cancelled" })],
      },
    })
    const held = run(base)
    expect(held.journal.outcomes().find((o) => o.opId.startsWith("docebo:session:delete"))).toMatchObject({
      status: "skipped",
    })
    expect(held.systems.current().docebo.sessions).toHaveLength(1)
    const approved = run(base, {}, true)
    expect(approved.systems.current().docebo.sessions).toHaveLength(0)
  })

  it("an op approved by its id goes through alone: the other held ops still wait", () => {
    const base = world({
      docebo: {
        courses: [B.doceboCourse("1")],
        sessions: ["S1", "S2"].map((id, i) => B.doceboSession(`9${i}`, "1", { code: stampCode(id), enrolled: 3 })),
      },
      to: {
        courses: [B.toCourse("c1", { code: "C-1", externalRef: "1", title: "Course 1" })],
        sessions: ["S1", "S2"].map((id) => B.toSession(id, "c1", { status: "cancelled" })),
      },
    })
    const [first, second] = planOf(base).ops.filter((op) => op.status === "held")
    if (first === undefined || second === undefined) throw new Error("expected two held deletions")
    const approved = run(base, {}, new Set([second.id]))
    expect(outcome(approved, second.id)).toMatchObject({ status: "done" })
    expect(outcome(approved, first.id)).toMatchObject({ status: "skipped", reason: expect.stringContaining("held") })
    expect(approved.systems.current().docebo.sessions.map((session) => session.id)).toEqual(["90"])
  })

  it("a crash stops the run where it happened; the writes before it are done", () => {
    const r = run(fresh(), { crashAt: 3 })
    expect(Exit.isFailure(r.exit)).toBe(true)
    expect(r.systems.writes()).toBe(2)
    expect(r.journal.outcomes()).toHaveLength(2)
  })
})
