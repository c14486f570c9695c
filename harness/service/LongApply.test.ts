/**
 * A long apply (a first sync under Docebo's hourly limit lasts hours) goes in parts: between two ops it lets the
 * runs waiting for the lock go, then plans again and goes on. A look at the plan waits for no run at all.
 */

import { afterEach, describe, expect, it } from "vitest"
import { stampOfCode } from "../../engine/Stamps.ts"
import { eventually, type Fixture, finishedJob, makeHold, startFixture } from "./TestSupport.ts"

let fixture: Fixture | null = null
afterEach(async () => {
  await fixture?.close()
  fixture = null
})

interface JobView {
  readonly status: string
  readonly updatedAt: string
  readonly summary: { readonly held: ReadonlyArray<{ readonly id: string; readonly reason: string }> } | null
}

const within = <T>(ms: number, promise: Promise<T>) =>
  Promise.race([
    promise,
    new Promise<never>((_, reject) => setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms)),
  ])

describe("a first sync applying its ops", () => {
  it("lets a course sync and a look at the plan go between its ops, and still ends in step", async () => {
    // The first sync's first write to Docebo is held: it is applying, with most of its ops still to go.
    const hold = makeHold(
      (system, method, path) => system === "docebo" && method === "POST" && !path.startsWith("/oauth2"),
    )
    fixture = await startFixture({}, hold.gate)
    const running = fixture
    hold.arm()
    const full = (await running.call("POST", "/sync", { body: {} })).json<{ jobId: string }>().jobId
    await hold.held

    // An operator's course sync waits for the lock, and its job says so.
    const course = (await running.call("POST", "/sync", { body: { courses: ["LDR-101"] } })).json<{ jobId: string }>()
      .jobId
    await eventually(async () =>
      /^iltsync_runs_waiting 1$/m.test((await running.call("GET", "/metrics")).text) ? true : undefined,
    )
    expect((await running.call("GET", `/jobs/${course}`)).json<JobView>().status).toBe("queued")

    // A look at the plan answers while the sync's write is still held.
    const plan = await within(10_000, running.call("GET", "/plan"))
    expect(plan.status).toBe(200)

    hold.release()
    const courseJob = await finishedJob(running, course)
    const fullJob = await finishedJob(running, full)
    expect([courseJob.status, fullJob.status]).toEqual(["succeeded", "succeeded"])
    // The course sync went between two of the first sync's ops: it was over before the first sync was.
    const [courseEnd, fullEnd] = await Promise.all(
      [course, full].map(async (id) => (await running.call("GET", `/jobs/${id}`)).json<JobView>().updatedAt),
    )
    expect(Date.parse(courseEnd ?? "")).toBeLessThan(Date.parse(fullEnd ?? ""))

    // In step, nothing made twice.
    const after = (await running.call("GET", "/plan")).json<{ ops: Array<{ status: string }> }>()
    expect(after.ops.filter((op) => op.status === "ready")).toEqual([])
    const stamps = running.docebo.state
      .snapshot()
      .sessions.flatMap((session) => (stampOfCode(session.code) === null ? [] : [stampOfCode(session.code)]))
    expect(new Set(stamps).size).toBe(stamps.length)
    // What waits for the operator is named, with its reason.
    expect((await running.call("GET", `/jobs/${full}`)).json<JobView>().summary?.held).toEqual([
      expect.objectContaining({ reason: expect.stringContaining("enrol") }),
    ])
  })
})
