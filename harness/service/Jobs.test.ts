/**
 * A first sync under Docebo's hourly limit reads for hours before it applies an op: its job shows what it has read,
 * the calls spent and left, and about how long is left, from the start. `GET /jobs` lists the newest jobs.
 */
import { afterEach, describe, expect, it } from "vitest"
import type { ProgressView } from "./JobProgress.ts"
import { eventually, type Fixture, finishedJob, makeHold, startFixture } from "./TestSupport.ts"

interface JobView {
  readonly id: string
  readonly kind: string
  readonly status: string
  readonly progress: ProgressView
}

let fixture: Fixture | null = null
afterEach(async () => {
  await fixture?.close()
  fixture = null
})

const job = async (running: Fixture, id: string) => (await running.call("GET", `/jobs/${id}`)).json<JobView>()

describe("a full sync's progress", () => {
  it("shows its read, the calls spent and left this hour and the time left, then its ops applied", async () => {
    // Docebo's own limit: 1,000 calls an hour, 950 of them iltsync's. A course's session listing is held: the job is
    // reading, its listings read, the other courses' sessions going on.
    const hold = makeHold((system, _method, path) => system === "docebo" && /\/courses\/\d+\/sessions$/.test(path))
    fixture = await startFixture({ budgets: { docebo: { limitPerHour: 1000 } } }, hold.gate)
    const running = fixture
    const before = await running.call("GET", "/jobs")
    expect(before.json()).toEqual([])

    hold.arm()
    const started = await running.call("POST", "/sync", { body: {} })
    const { jobId } = started.json<{ jobId: string }>()
    await hold.held

    const reading = await eventually(async () => {
      const progress = (await job(running, jobId)).progress
      return progress.phase === "reading" && progress.sessionsRead > 0 ? progress : undefined
    })
    expect(reading).toMatchObject({ done: 0, total: 0, listingsTotal: 12, listingsRead: 12 })
    expect(reading.recordsRead).toBeGreaterThan(0)
    expect(reading.sessionsToRead).toBeGreaterThan(reading.sessionsRead)
    expect(reading.etaSeconds).toEqual(expect.any(Number))
    const docebo = reading.calls?.docebo
    expect(docebo?.used).toBeGreaterThan(0)
    expect(docebo?.limitPerHour).toBe(950)
    expect((docebo?.used ?? 0) + (docebo?.left ?? 0)).toBe(950)
    expect(reading.calls?.to.used).toBeGreaterThan(0)

    // Listed with the newest first, as it is shown on its own.
    const listed = (await running.call("GET", "/jobs")).json<JobView[]>()
    expect(listed).toEqual([await job(running, jobId)])

    hold.release()
    const finished = await finishedJob(running, jobId)
    expect(finished.status).toBe("succeeded")
    const done = (await job(running, jobId)).progress
    expect(done).toMatchObject({ phase: "done", etaSeconds: 0, sessionsRead: reading.sessionsToRead })
    expect(done.total).toBeGreaterThan(100)
    expect(done.done).toBe(done.total)
    // The held course is read first (its session starts soonest): it may have no session in Docebo yet.
    expect(done.recordsRead).toBeGreaterThanOrEqual(reading.recordsRead)
    expect(done.calls?.docebo.used).toBeGreaterThan(docebo?.used ?? 0)
  })
})

describe("GET /jobs", () => {
  it("lists the newest jobs first, as many as asked for, and refuses a bad limit naming it", async () => {
    fixture = await startFixture()
    const running = fixture
    const ids: string[] = []
    for (const courses of [["LDR-101"], ["HSE-110"], ["LDR-101"]]) {
      const started = await running.call("POST", "/sync", { body: { dryRun: true, courses } })
      const { jobId } = started.json<{ jobId: string }>()
      await finishedJob(running, jobId)
      ids.push(jobId)
    }
    const two = (await running.call("GET", "/jobs?limit=2")).json<JobView[]>()
    expect(two.map((each) => each.id)).toEqual([ids[2], ids[1]])
    expect(two[0]).toMatchObject({ kind: "course-sync:dry-run", status: "succeeded", progress: { phase: "done" } })
    expect((await running.call("GET", "/jobs")).json<JobView[]>()).toHaveLength(3)
    for (const query of ["limit=0", "limit=101", "limit=ten", "page=2"]) {
      const answer = await running.call("GET", `/jobs?${query}`)
      expect({ query, status: answer.status }).toEqual({ query, status: 400 })
      expect(answer.json<{ errors: Array<{ field: string }> }>().errors[0]?.field).toBe(query.split("=")[0])
    }
  })
})
