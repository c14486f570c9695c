import { setTimeout as sleep } from "node:timers/promises"
import { expect, it } from "vitest"
import { DoceboCourseId, ToCourseId } from "../../engine/model/Ids.ts"
import type { ToCourse } from "../../engine/model/Training.ts"
import type { StepWrite } from "../../engine/OpWrites.ts"
import type { Db } from "./Database.ts"
import { listStepsWrittenSince, markStepSent, recordPlannedOps } from "./Journal.ts"
import { loadLinks, upsertLinks } from "./Links.ts"
import { migrateToLatest } from "./Migrate.ts"
import { loadMirrorRecords } from "./Mirror.ts"
import {
  closeInterruptedRuns,
  findUnfinishedRun,
  interruptedReason,
  listUnsettledSteps,
  markStepsRecovered,
  notReachedReason,
} from "./Recovery.ts"
import { createRun, getRun } from "./Runs.ts"
import { beginRun, settleOp } from "./Settle.ts"
import { at, describeEachDialect, journalOf, makeOp } from "./testing/Fixtures.ts"

const createCourse = (key: string): StepWrite =>
  ({
    system: "to",
    step: "main",
    write: { kind: "createCourse", course: { code: key, title: `Course ${key}`, externalRef: key } },
  }) as unknown as StepWrite

describeEachDialect("the apply journal", (dialect) => {
  const open = () => dialect.openMigrated()

  it("keeps each op of a run in plan order through sent, confirmed, failed and skipped", async () => {
    const db = await open()
    await createRun(db, { id: "r1", scope: "full", startedAt: at(0) })
    await beginRun(db, "r1", [makeOp("1"), makeOp("2"), makeOp("3")], at(0))
    await markStepSent(db, "r1", makeOp("1").id, createCourse("1"), at(1))
    await settleOp(db, "r1", { opId: makeOp("1").id, status: "done", created: "crs_1" }, [], [], at(2))
    await markStepSent(db, "r1", makeOp("2").id, createCourse("2"), at(3))
    await settleOp(db, "r1", { opId: makeOp("2").id, status: "failed", reason: "refused (HTTP 422)" }, [], [], at(4))
    const held = { opId: makeOp("3").id, status: "skipped", reason: "held: would drop enrollments" } as const
    await settleOp(db, "r1", held, [], [], at(4))
    const steps = await journalOf(db, "r1")
    expect(steps.map((s) => [s.op.key, s.status, s.attempts, s.createdId, s.error])).toEqual([
      ["1", "confirmed", 1, "crs_1", null],
      ["2", "failed", 1, null, "refused (HTTP 422)"],
      ["3", "skipped", 0, null, "held: would drop enrollments"],
    ])
    expect(steps[0]?.writes).toEqual([createCourse("1")])
    expect(steps[0]?.op).toEqual(makeOp("1"))
  })

  it("tells which steps sent writes lately, each write with when it was sent and the step when it settled", async () => {
    const db = await open()
    await createRun(db, { id: "r1", scope: "full", startedAt: at(0) })
    await beginRun(db, "r1", [makeOp("1"), makeOp("2"), makeOp("3")], at(0))
    await markStepSent(db, "r1", makeOp("1").id, createCourse("1"), at(1))
    await settleOp(db, "r1", { opId: makeOp("1").id, status: "done", created: "crs_1" }, [], [], at(2))
    await markStepSent(db, "r1", makeOp("2").id, createCourse("2"), at(5))
    await markStepSent(db, "r1", makeOp("2").id, createCourse("2b"), at(6))
    await settleOp(db, "r1", { opId: makeOp("2").id, status: "done", created: "crs_2" }, [], [], at(7))
    await settleOp(db, "r1", { opId: makeOp("3").id, status: "skipped", reason: "held" }, [], [], at(8))
    expect(await listStepsWrittenSince(db, at(0))).toHaveLength(2)
    expect(await listStepsWrittenSince(db, at(3))).toEqual([
      {
        writes: [
          { write: createCourse("2"), sentAt: at(5) },
          { write: createCourse("2b"), sentAt: at(6) },
        ],
        createdId: "crs_2",
        updatedAt: at(7),
      },
    ])
    // What recovery and the run's report read is the write alone.
    expect((await journalOf(db, "r1"))[1]?.writes).toEqual([createCourse("2"), createCourse("2b")])
  })

  it("records the planned ops of a run all or none", async () => {
    const db = await open()
    await createRun(db, { id: "r1", scope: "full", startedAt: at(0) })
    await expect(recordPlannedOps(db, "r1", [makeOp("1"), makeOp("1")], at(0))).rejects.toThrow(dialect.uniqueViolation)
    expect(await journalOf(db, "r1")).toEqual([])
  })

  it("after a restart, finds the steps a crash left in flight, with the writes to look up", async () => {
    const location = await dialect.location()
    const before = dialect.connect(location)
    await migrateToLatest(before)
    await beginRun(before, "r1", [makeOp("1"), makeOp("2"), makeOp("3")], at(0))
    await markStepSent(before, "r1", makeOp("1").id, createCourse("1"), at(1))
    await settleOp(before, "r1", { opId: makeOp("1").id, status: "done", created: "crs_1" }, [], [], at(2))
    await markStepSent(before, "r1", makeOp("2").id, createCourse("2"), at(3))
    // The process dies here: the connection is dropped without closing the run.
    await before.destroy()

    const after = dialect.connect(location)
    await migrateToLatest(after)
    const unfinished = await findUnfinishedRun(after)
    expect(unfinished?.run).toMatchObject({ id: "r1", status: "running" })
    expect(unfinished?.sent.map((s) => [s.opId, s.writes])).toEqual([[makeOp("2").id, [createCourse("2")]]])
    expect(await listUnsettledSteps(after)).toEqual([{ runId: "r1", opId: makeOp("2").id, step: createCourse("2") }])

    await markStepsRecovered(after, [{ runId: "r1", opId: makeOp("2").id }], at(10))
    expect(await listUnsettledSteps(after)).toEqual([])
    expect(await findUnfinishedRun(after)).toBeNull()
    expect(await getRun(after, "r1")).toMatchObject({ status: "failed", finishedAt: at(10) })
    expect((await journalOf(after, "r1")).map((s) => [s.status, s.error])).toEqual([
      ["confirmed", null],
      ["failed", interruptedReason],
      ["skipped", notReachedReason],
    ])
  })

  it("closing interrupted runs at start-up keeps their in-flight writes listed until recovered", async () => {
    const db = await open()
    await beginRun(db, "r1", [makeOp("1"), makeOp("2")], at(0))
    await markStepSent(db, "r1", makeOp("1").id, createCourse("1"), at(1))
    expect(await closeInterruptedRuns(db, at(5))).toBe(1)
    expect(await getRun(db, "r1")).toMatchObject({ status: "failed" })
    expect(await listUnsettledSteps(db)).toHaveLength(1)
    expect((await findUnfinishedRun(db))?.run.id).toBe("r1")
  })

  const course: ToCourse = {
    id: ToCourseId.make("crs_1"),
    code: "1",
    title: "Course 1",
    modality: "onsite",
    language: "en",
    active: true,
    externalRef: DoceboCourseId.make("1"),
  }

  it("settles an op together with its link, operator records and mirror, and closes the run after its last op", async () => {
    const db: Db = await open()
    await beginRun(db, "r1", [makeOp("1"), makeOp("2")], at(0))
    await settleOp(
      db,
      "r1",
      { opId: makeOp("1").id, status: "done", created: "crs_1" },
      [{ kind: "link", entity: "course", link: { docebo: "1", to: "crs_1", fingerprint: "fp-1" } }],
      [{ system: "to", resource: "courses", id: "crs_1", record: course }],
      at(1),
    )
    expect(await getRun(db, "r1")).toMatchObject({ status: "running" })
    await settleOp(db, "r1", { opId: makeOp("2").id, status: "failed", reason: "refused" }, [], [], at(2))
    expect((await loadLinks(db)).course).toEqual([{ docebo: "1", to: "crs_1", fingerprint: "fp-1" }])
    expect(await loadMirrorRecords(db, "to", "courses")).toEqual([
      { id: "crs_1", courseId: null, body: course, readAt: at(1) },
    ])
    expect(await getRun(db, "r1")).toMatchObject({
      status: "failed",
      finishedAt: at(2),
      summary: { confirmed: 1, failed: 1, skipped: 0 },
    })
  })

  it("settles the ops of a run side by side, and the last of them to settle closes the run", async () => {
    // Apply runs several ops at once: a settlement must see the other's step settled once that has committed.
    const db = await open()
    await beginRun(db, "r1", [makeOp("1"), makeOp("2")], at(0))
    const first = await db.startTransaction().execute()
    await settleOp(first, "r1", { opId: makeOp("1").id, status: "done" }, [], [], at(1))
    const second = settleOp(db, "r1", { opId: makeOp("2").id, status: "done" }, [], [], at(2))
    // Time for the second to run to its end on another connection, were it not to wait for the first.
    await sleep(200)
    await first.commit().execute()
    await second
    expect(await getRun(db, "r1")).toMatchObject({
      status: "succeeded",
      finishedAt: at(2),
      summary: { confirmed: 2, failed: 0, skipped: 0 },
    })
  })

  it("settles nothing of an op when part of settling it fails", async () => {
    const db = await open()
    await beginRun(db, "r1", [makeOp("1")], at(0))
    await upsertLinks(db, "course", [{ docebo: "1", to: "crs_1", fingerprint: "" }], at(0))
    // A record JSON cannot hold, so that storing the mirror fails part-way through settling.
    const unserialisable = { ...course, size: 1n }
    await expect(
      settleOp(
        db,
        "r1",
        { opId: makeOp("1").id, status: "done" },
        [{ kind: "unlink", entity: "course", docebo: "1" }],
        [{ system: "to", resource: "courses", id: "crs_1", record: unserialisable }],
        at(1),
      ),
    ).rejects.toThrow(/BigInt/)
    expect((await loadLinks(db)).course).toHaveLength(1)
    expect((await journalOf(db, "r1")).map((s) => s.status)).toEqual(["planned"])
  })
})
