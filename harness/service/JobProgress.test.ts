import { describe, expect, it } from "vitest"
import type { Job } from "../../adapters/store/Jobs.ts"
import type { ReadProgress } from "../../engine/Reads.ts"
import { callsLeft, etaSeconds, progressView, queuedState } from "./JobProgress.ts"

const read = (over: Partial<ReadProgress>): ReadProgress => ({
  listingsRead: 12,
  listingsTotal: 12,
  doceboListingsLeft: 0,
  recordsRead: 500,
  sessionsToRead: 100,
  sessionsRead: 0,
  sessionsFound: 0,
  ...over,
})

describe("the calls a run has left", () => {
  it("are unknown while the listings are read: which courses' sessions are read is not known yet", () => {
    expect(callsLeft({ ...queuedState, phase: "reading", read: read({ listingsRead: 3, sessionsToRead: null }) })).toBe(
      null,
    )
  })

  it("count a call per course left and one per session, as many as the courses read so far had", () => {
    // 40 courses read held 120 sessions: the 60 left are about 60 × (1 + 3) calls.
    const state = { ...queuedState, phase: "reading" as const, read: read({ sessionsRead: 40, sessionsFound: 120 }) }
    expect(callsLeft(state)).toEqual({ docebo: 240, to: 0 })
  })

  it("while applying, split the ops left as the plan splits its ops between the systems", () => {
    const state = { ...queuedState, phase: "applying" as const, applied: { done: 10, total: 110 }, doceboShare: 0.75 }
    expect(callsLeft(state)).toEqual({ docebo: 75, to: 25 })
  })
})

describe("the time a run has left", () => {
  it("is what the slower system's budget makes its calls wait, or their pace so far when that is slower", () => {
    const left = { docebo: 300, to: 20 }
    // Docebo: 300 calls at 0.5 s each, but the window lets the last go only in 40 minutes.
    expect(etaSeconds(left, { docebo: 2_400_000, to: 0 }, { docebo: 500, to: 100 })).toBe(2400)
    // No wait for the window: the pace decides.
    expect(etaSeconds(left, { docebo: 0, to: 0 }, { docebo: 500, to: 100 })).toBe(150)
    expect(etaSeconds({ docebo: 0, to: 0 }, { docebo: 0, to: 0 }, { docebo: null, to: null })).toBe(0)
  })
})

describe("a job's progress as shown", () => {
  const job = (status: Job["status"], progressDetail: Job["progressDetail"]): Job => ({
    id: "job_1",
    kind: "sync",
    status,
    progress: { done: 4, total: 9 },
    progressDetail,
    summary: null,
    error: null,
    createdAt: "2027-01-04T09:00:00.000Z",
    updatedAt: "2027-01-04T09:00:00.000Z",
  })
  const recorded = {
    phase: "applying",
    listingsRead: 12,
    listingsTotal: 12,
    recordsRead: 313,
    sessionsToRead: 42,
    sessionsRead: 42,
    calls: { docebo: { used: 300, left: 650, limitPerHour: 950 }, to: { used: 90, left: 34110, limitPerHour: 34200 } },
    etaSeconds: 12,
  }

  it("is the ops counts with the recorded rest while the job runs", () => {
    expect(progressView(job("running", recorded))).toEqual({ done: 4, total: 9, ...recorded })
  })

  it("follows the job's status once it has ended, and before it starts", () => {
    expect(progressView(job("succeeded", recorded))).toMatchObject({ phase: "done", etaSeconds: 0, recordsRead: 313 })
    expect(progressView(job("failed", recorded))).toMatchObject({ phase: "failed", etaSeconds: null })
    expect(progressView(job("queued", null))).toEqual({
      done: 4,
      total: 9,
      phase: "queued",
      listingsRead: 0,
      listingsTotal: 0,
      recordsRead: 0,
      sessionsToRead: null,
      sessionsRead: 0,
      calls: null,
      etaSeconds: null,
    })
  })
})
