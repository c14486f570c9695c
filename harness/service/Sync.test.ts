import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { nothingKnown } from "../../engine/Known.ts"
import { DoceboCourseId } from "../../engine/model/Ids.ts"
import { emptyLinks } from "../../engine/model/Store.ts"
import { planInputs } from "../Sync.ts"
import { unknownCodes } from "./routes/Sync.ts"
import { type Fixture, finishedJob, fullSync, leakedSecrets, startFixture } from "./TestSupport.ts"

interface CourseRow {
  readonly id: string
  readonly code: string
  readonly type: string
  readonly syncStatus: string
  readonly error: string | null
  readonly lastSyncedAt: string | null
  readonly doceboUrl: string
}

let fixture: Fixture
beforeAll(async () => {
  fixture = await startFixture()
})
afterAll(async () => {
  expect(leakedSecrets(fixture)).toEqual([])
  await fixture.close()
})

describe("POST /sync and GET /jobs/{id}", () => {
  it("runs the first sync as a background job, refuses a second full sync meanwhile, and fills the Courses tab", async () => {
    expect((await fixture.call("GET", "/courses")).json()).toEqual([])

    const first = await fixture.call("POST", "/sync", { body: {} })
    expect(first.status).toBe(202)
    const { jobId } = first.json<{ jobId: string }>()
    expect(first.headers.get("location")).toBe(`/jobs/${jobId}`)

    const second = await fixture.call("POST", "/sync", { body: { dryRun: false } })
    expect(second.status).toBe(409)
    expect(second.json()).toMatchObject({ status: 409, jobId })

    const job = await finishedJob(fixture, jobId)
    expect(job).toMatchObject({ id: jobId, kind: "sync", status: "succeeded", error: null })
    const done = job as unknown as { progress: { done: number; total: number }; summary: Record<string, unknown> }
    expect(done.progress.total).toBeGreaterThan(100)
    expect(done.progress.done).toBe(done.progress.total)
    expect(done.summary).toMatchObject({ dryRun: false, scope: "full", ops: { failed: 0, skipped: 1 } })

    const courses = (await fixture.call("GET", "/courses")).json<CourseRow[]>()
    // acme: 42 ILT and VILT courses; e-learning courses are never listed.
    expect(courses).toHaveLength(42)
    const safety = courses.find((course) => course.code === "HSE-110")
    // Its cancelled session still has 5 enrollments in Docebo: the deletion waits for an operator.
    expect(safety).toMatchObject({
      syncStatus: "pending",
      doceboUrl: `https://acme.docebosaas.com/course/edit/${safety?.id}`,
    })
    expect(safety?.error).toContain("5 enrollments")
    const synced = courses.filter((course) => course.syncStatus === "synced")
    expect(synced.length).toBeGreaterThan(30)
    expect(synced.every((course) => course.lastSyncedAt !== null)).toBe(true)
    expect(courses.filter((course) => course.syncStatus === "error").map((course) => course.error)).toEqual(
      expect.arrayContaining([expect.stringContaining("course code is missing")]),
    )

    // The TO side now has every Docebo ILT/VILT course with a code.
    const toCodes = new Set(fixture.to.state.snapshot().courses.map((course) => course.code))
    for (const course of courses.filter((row) => row.code !== "")) expect(toCodes.has(course.code)).toBe(true)

    // Once the first job has ended, a full sync may start again.
    const third = await fixture.call("POST", "/sync", { body: {} })
    expect(third.status).toBe(202)
    expect((await finishedJob(fixture, third.json<{ jobId: string }>().jobId)).status).toBe("succeeded")
  })

  it("scopes a sync to the courses named, and reports a dry run's plan without applying it", async () => {
    const started = await fixture.call("POST", "/sync", { body: { dryRun: true, courses: ["LDR-101"] } })
    expect(started.status).toBe(202)
    const job = await finishedJob(fixture, started.json<{ jobId: string }>().jobId)
    expect(job).toMatchObject({ kind: "course-sync:dry-run", status: "succeeded" })
    expect((job as unknown as { summary: unknown }).summary).toMatchObject({
      dryRun: true,
      scope: { courses: ["LDR-101"] },
      ops: null,
    })
  })

  it("answers 404 for a job it does not know", async () => {
    const answer = await fixture.call("GET", "/jobs/job_nope")
    expect(answer.status).toBe(404)
    expect(answer.json()).toMatchObject({ detail: "no job job_nope" })
  })

  it("refuses bad bodies with 400 naming the field", async () => {
    const cases: ReadonlyArray<readonly [unknown, string]> = [
      [{ dryRun: "yes" }, "dryRun"],
      [{ courses: [] }, "courses"],
      [{ courses: ["LDR-101", 7] }, "courses[1]"],
      [{ courses: ["  "] }, "courses[0]"],
      [{ dryrun: true }, "dryrun"],
      [[], "body"],
    ]
    for (const [body, field] of cases) {
      const answer = await fixture.call("POST", "/sync", { body })
      expect(answer.status).toBe(400)
      const problem = answer.json<{ detail: string; errors: Array<{ field: string }> }>()
      expect(problem.errors[0]?.field).toBe(field)
      expect(problem.detail.startsWith(`${field}: `)).toBe(true)
    }
  })

  it("refuses course codes that are too long, hold control characters or name no course iltsync has read", async () => {
    const started = async () =>
      (await fixture.call("GET", "/event-logs?action=sync.start&limit=500")).json<{ items: unknown[] }>().items.length
    const before = await started()
    const cases: ReadonlyArray<readonly [ReadonlyArray<string>, ReadonlyArray<string>, string]> = [
      [["X".repeat(100_000)], ["courses[0]"], "must be at most 200 characters"],
      [["LDR-101", "LDR\u0000101"], ["courses[1]"], "must not contain control characters"],
      [
        ["NOPE-404", "LDR-101", "nope-405"],
        ["courses[0]", "courses[2]"],
        "no ILT or VILT course in Docebo has the code",
      ],
    ]
    for (const [courses, fields, message] of cases) {
      const answer = await fixture.call("POST", "/sync", { body: { courses } })
      expect({ courses: courses.map((code) => code.slice(0, 20)), status: answer.status }).toMatchObject({
        status: 400,
      })
      const problem = answer.json<{ detail: string; errors: Array<{ field: string; message: string }> }>()
      expect(problem.errors.map((error) => error.field)).toEqual(fields)
      expect(problem.errors[0]?.message).toContain(message)
      expect(answer.text.length).toBeLessThan(1_000)
    }
    expect(await started()).toBe(before)
    // A code is matched the way courses are paired (case and spaces aside), and surrounding spaces are trimmed.
    const accepted = await fixture.call("POST", "/sync", { body: { dryRun: true, courses: [" ldr-101 \n"] } })
    expect(accepted.status).toBe(202)
    await finishedJob(fixture, accepted.json<{ jobId: string }>().jobId)
  })
})

describe("course codes", () => {
  const read = (complete: boolean) => ({
    ...nothingKnown.docebo,
    courses: [
      { id: DoceboCourseId.make("101"), code: "LDR-101", name: "Leading", type: "ilt" as const, language: "en" },
    ],
    complete: { ...nothingKnown.docebo.complete, courses: complete },
  })

  it("are judged against Docebo's course listing once iltsync has read it whole, the way courses are paired", () => {
    expect(unknownCodes(read(true), ["ldr-101 ", "NOPE-1", "LDR-101"])).toEqual([{ index: 1, code: "NOPE-1" }])
  })

  it("cannot be judged before the listing is read whole: none is refused then", () => {
    expect(unknownCodes(nothingKnown.docebo, ["NOPE-1"])).toEqual([])
    expect(unknownCodes(read(false), ["NOPE-1"])).toEqual([])
  })
})

describe("GET /plan", () => {
  it("is a fresh dry-run plan document: after the sync only the held deletion is left", async () => {
    await fullSync(fixture)
    const answer = await fixture.call("GET", "/plan")
    expect(answer.status).toBe(200)
    const plan = answer.json<{
      id: string
      inputs: Record<string, string>
      ops: Array<{ entity: string; action: string; status: string }>
      summary: Record<string, unknown>
      warnings: unknown[]
    }>()
    expect(Object.keys(plan)).toEqual(["id", "createdAt", "inputs", "summary", "ops", "warnings", "history"])
    expect(Object.keys(plan.inputs)).toEqual(["docebo", "to", "store"])
    expect(plan.inputs.docebo).toMatch(/^[0-9a-f]{64}$/)
    expect(plan.ops).toEqual([expect.objectContaining({ entity: "session", action: "delete", status: "held" })])
    const again = (await fixture.call("GET", "/plan")).json<typeof plan>()
    expect(again.id).not.toBe(plan.id)
    expect({ to: again.inputs.to, store: again.inputs.store }).toEqual({ to: plan.inputs.to, store: plan.inputs.store })
  })

  it("digests records whatever the order of their keys (read from a system, or loaded from the store)", () => {
    const read = { courses: [{ id: "1", name: "A", code: "X" }], complete: { courses: true } }
    const loaded = { complete: { courses: true }, courses: [{ code: "X", id: "1", name: "A" }] }
    const store = { links: emptyLinks, trainers: [], providerRequests: [] }
    const inputs = (snapshot: object) => planInputs(snapshot as never, snapshot as never, store)
    expect(inputs(read)).toEqual(inputs(loaded))
  })
})

describe("GET /metrics", () => {
  it("counts runs, ops by result, API calls by system and status, and the webhook queue", async () => {
    const text = (await fixture.call("GET", "/metrics")).text
    expect(text).toMatch(/^iltsync_runs_total\{trigger="operator",dry_run="false",outcome="succeeded"\} [1-9]\d*$/m)
    expect(text).toMatch(/^iltsync_ops_total\{result="done"\} [1-9]\d*$/m)
    expect(text).toMatch(/^iltsync_api_calls_total\{system="docebo",status="200"\} [1-9]\d*$/m)
    expect(text).toMatch(/^iltsync_api_calls_total\{system="to",status="201"\} [1-9]\d*$/m)
    expect(text).toMatch(/^iltsync_webhook_queue_depth 0$/m)
    expect(text).toContain("# TYPE iltsync_runs_total counter")
  })
})
