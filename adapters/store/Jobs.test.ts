import { setTimeout as sleep } from "node:timers/promises"
import { beforeEach, expect, it } from "vitest"
import type { Db } from "./Database.ts"
import {
  createJob,
  createJobIfIdle,
  failInterruptedJobs,
  findRunningJob,
  finishJob,
  getJob,
  listRecentJobs,
  startJob,
  updateJobProgress,
} from "./Jobs.ts"
import { at, describeEachDialect } from "./testing/Fixtures.ts"

describeEachDialect("jobs", (dialect) => {
  let db: Db
  beforeEach(async () => {
    db = await dialect.openMigrated()
  })

  it("go from queued to running with progress, then finish with a summary or an error", async () => {
    await createJob(db, { id: "j1", kind: "fullSync" }, at(0))
    expect(await getJob(db, "j1")).toMatchObject({ status: "queued", progress: { done: 0, total: 0 } })
    await startJob(db, "j1", at(1))
    await updateJobProgress(db, "j1", { done: 3, total: 10 }, at(2))
    expect(await getJob(db, "j1")).toMatchObject({
      status: "running",
      progress: { done: 3, total: 10 },
      updatedAt: at(2),
    })
    await finishJob(db, "j1", { status: "succeeded", summary: { created: 3 } }, at(3))
    expect(await getJob(db, "j1")).toEqual({
      id: "j1",
      kind: "fullSync",
      status: "succeeded",
      progress: { done: 3, total: 10 },
      progressDetail: null,
      summary: { created: 3 },
      error: null,
      createdAt: at(0),
      updatedAt: at(3),
    })
    await createJob(db, { id: "j2", kind: "fullSync" }, at(4))
    await finishJob(db, "j2", { status: "failed", summary: null, error: "Docebo refused the credentials" }, at(5))
    expect(await getJob(db, "j2")).toMatchObject({ status: "failed", error: "Docebo refused the credentials" })
    expect(await getJob(db, "nope")).toBeNull()
  })

  it("a finished job takes no more progress reports", async () => {
    await createJob(db, { id: "j1", kind: "fullSync" }, at(0))
    await finishJob(db, "j1", { status: "succeeded", summary: null }, at(1))
    await updateJobProgress(db, "j1", { done: 9, total: 9 }, at(2))
    expect(await getJob(db, "j1")).toMatchObject({ status: "succeeded", progress: { done: 0, total: 0 } })
  })

  it("start a second full sync only once the first is over, and name the running one meanwhile", async () => {
    expect(await createJobIfIdle(db, { id: "j1", kind: "fullSync" }, at(0))).toMatchObject({ created: true })
    const [second, third, other] = await Promise.all([
      createJobIfIdle(db, { id: "j2", kind: "fullSync" }, at(1)),
      createJobIfIdle(db, { id: "j3", kind: "fullSync" }, at(1)),
      createJobIfIdle(db, { id: "c1", kind: "courseSync" }, at(1)),
    ])
    expect(second).toMatchObject({ created: false, job: { id: "j1" } })
    expect(third).toMatchObject({ created: false, job: { id: "j1" } })
    expect(other).toMatchObject({ created: true, job: { id: "c1" } })
    expect((await findRunningJob(db, "fullSync"))?.id).toBe("j1")

    await finishJob(db, "j1", { status: "succeeded", summary: null }, at(2))
    expect(await findRunningJob(db, "fullSync")).toBeNull()
    expect(await createJobIfIdle(db, { id: "j4", kind: "fullSync" }, at(3))).toMatchObject({ created: true })
  })

  it("start one job of a kind when two requests for it come at once and none is running", async () => {
    const first = await db.startTransaction().execute()
    expect(await createJobIfIdle(first, { id: "j1", kind: "fullSync" }, at(0))).toMatchObject({ created: true })
    const second = createJobIfIdle(db, { id: "j2", kind: "fullSync" }, at(0))
    // Time for the second to run to its end on another connection, were it not to wait for the first.
    await sleep(200)
    await first.commit().execute()
    expect(await second).toMatchObject({ created: false, job: { id: "j1" } })
    expect((await listRecentJobs(db, 10)).map((job) => job.id)).toEqual(["j1"])
  })

  it("left queued or running by a stopped process are failed at start-up", async () => {
    await createJob(db, { id: "j1", kind: "fullSync" }, at(0))
    await createJob(db, { id: "j2", kind: "courseSync" }, at(0))
    await startJob(db, "j2", at(1))
    await createJob(db, { id: "j3", kind: "courseSync" }, at(0))
    await finishJob(db, "j3", { status: "succeeded", summary: null }, at(1))
    expect(await failInterruptedJobs(db, "the service stopped during the job", at(5))).toBe(2)
    expect(await getJob(db, "j1")).toMatchObject({ status: "failed", error: "the service stopped during the job" })
    expect(await getJob(db, "j3")).toMatchObject({ status: "succeeded" })
    expect(await findRunningJob(db, "fullSync")).toBeNull()
  })

  it("keep the detail of their progress beside the ops counts, the last one recorded", async () => {
    await createJob(db, { id: "j1", kind: "fullSync" }, at(0))
    await updateJobProgress(db, "j1", { done: 0, total: 0 }, at(1), { phase: "reading", recordsRead: 40 })
    await updateJobProgress(db, "j1", { done: 2, total: 9 }, at(2), { phase: "applying", recordsRead: 313 })
    await updateJobProgress(db, "j1", { done: 3, total: 9 }, at(3))
    expect(await getJob(db, "j1")).toMatchObject({
      progress: { done: 3, total: 9 },
      progressDetail: { phase: "applying", recordsRead: 313 },
    })
  })

  it("are listed newest first, as many as asked for", async () => {
    await createJob(db, { id: "j1", kind: "fullSync" }, at(0))
    await createJob(db, { id: "j2", kind: "courseSync" }, at(1))
    await createJob(db, { id: "j3", kind: "courseSync" }, at(1))
    await createJob(db, { id: "j4", kind: "fullSync" }, at(2))
    expect((await listRecentJobs(db, 3)).map((job) => job.id)).toEqual(["j4", "j3", "j2"])
    expect((await listRecentJobs(db, 100)).map((job) => job.id)).toEqual(["j4", "j3", "j2", "j1"])
  })
})
