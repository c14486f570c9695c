import { describe, expect, it } from "vitest"
import type { CallSummary } from "../shared/CallLog.ts"
import type { FaultSettings } from "../shared/Faults.ts"
import { type Problem, sampleSeed, type ToOne, toTestbed } from "./TestSupport.ts"
import type { ToState } from "./Types.ts"

const statusesUnder = async (faults: FaultSettings, calls = 60) => {
  const { api, control } = toTestbed({ seed: sampleSeed })
  await api.get("/courses")
  await control("POST", "faults", faults)
  const statuses: number[] = []
  for (let call = 0; call < calls; call++) statuses.push((await api.get("/courses")).status)
  return statuses
}

describe("Training Orchestra faults", () => {
  it("are reproducible from their seed", async () => {
    const faults = { error429Rate: 0.15, error503Rate: 0.15, seed: 7 }
    const first = await statusesUnder(faults)
    expect(await statusesUnder(faults)).toEqual(first)
    expect(await statusesUnder({ ...faults, seed: 8 })).not.toEqual(first)
    expect(new Set(first)).toEqual(new Set([200, 429, 503]))
  })

  it("answer as problem+json, and fail the failPaths always", async () => {
    const { api, control } = toTestbed({ seed: sampleSeed })
    await api.get("/courses")
    await control("POST", "faults", { failPaths: ["/api/v1/sessions*"] })
    const failed = await api.get<Problem>("/sessions")
    expect(failed.body).toMatchObject({ status: 503, title: "Service Unavailable", type: "about:blank" })
    expect((await api.get("/courses")).status).toBe(200)
  })

  it("apply a dropped-after-commit write", async () => {
    const { api, control, state } = toTestbed({ seed: sampleSeed })
    await api.get("/courses")
    await control("POST", "faults", { dropAfterCommitRate: 1 })
    expect((await api.patch("/sessions/ses_nope", { external_ref: "1" })).status).toBe(404)
    expect((await api.patch("/courses/crs_safety", { title: "Changed" })).status).toBe(503)
    expect(state.store.courses.get("crs_safety")?.title).toBe("Changed")
  })
})

describe("Training Orchestra rate limit (10 per second, burst 20)", () => {
  it("admits a burst of 20, then 429 with Retry-After, then 10 more a second later", async () => {
    const { api, clock, fetchToken } = toTestbed({ rateLimit: { perSecond: 10, burst: 20 } })
    await fetchToken()
    for (let call = 0; call < 19; call++) expect((await api.get("/courses")).status).toBe(200)
    const refused = await api.get<Problem>("/courses")
    expect(refused.status).toBe(429)
    expect(refused.headers.get("retry-after")).toBe("1")
    expect(refused.body.title).toBe("Too Many Requests")
    clock.advance(1000)
    for (let call = 0; call < 10; call++) expect((await api.get("/courses")).status).toBe(200)
    expect((await api.get("/courses")).status).toBe(429)
  })

  it("is set through /__sim/config and off by default", async () => {
    const { api, control } = toTestbed()
    for (let call = 0; call < 40; call++) expect((await api.get("/courses")).status).toBe(200)
    await control("POST", "config", { ratePerSecond: 1, burst: 1 })
    expect((await api.get("/courses")).status).toBe(200)
    expect((await api.get("/courses")).status).toBe(429)
    expect((await control<ToOne<object>>("GET", "config")).body.data).toEqual({ ratePerSecond: 1, burst: 1 })
  })
})

describe("Training Orchestra /__sim/ control surface", () => {
  it("seeds, reports and resets the whole state", async () => {
    const { control, api, state } = toTestbed()
    await control("POST", "seed", sampleSeed)
    const snapshot = await control<ToOne<ToState>>("GET", "state")
    expect(snapshot.body.data.trainers.map((trainer) => trainer.id)).toEqual(["trn_ada", "trn_idle", "trn_orphan"])
    expect(snapshot.body.data.courses[0]).toMatchObject({ language: "en", active: true, external_ref: "101" })
    await api.get("/courses")
    await control("POST", "reset")
    expect(state.snapshot().courses).toEqual([])
    expect(state.calls.summary().total).toBe(0)
  })

  it("refuses a seed that breaks the 1:1 provider-site link or references nothing, and keeps the state", async () => {
    const { control, state } = toTestbed({ seed: sampleSeed })
    const before = JSON.stringify(state.snapshot())
    const badLink = await control<Problem>("POST", "seed", {
      training_providers: [{ id: "tp_x", name: "X", site_id: "site_y" }],
      sites: [{ id: "site_y", name: "Y", training_provider_id: "tp_other" }],
    })
    expect(badLink.status).toBe(422)
    expect(badLink.body.errors.map((error) => error.field)).toEqual([
      "training_providers[0].site_id",
      "sites[0].training_provider_id",
    ])
    const dangling = await control<Problem>("POST", "seed", {
      sessions: [{ id: "ses_1", course_id: "crs_none", name: "S" }],
    })
    expect(dangling.body.errors[0]?.field).toBe("sessions[0].course_id")
    expect(JSON.stringify(state.snapshot())).toBe(before)
  })

  it("logs calls by route template and refuses non-loopback hosts", async () => {
    const { control, api, app } = toTestbed({ seed: sampleSeed })
    await api.get("/sessions/ses_nope")
    const calls = await control<ToOne<CallSummary>>("GET", "calls")
    expect(calls.body.data.counts).toContainEqual({
      method: "GET",
      template: "/api/v1/sessions/:id",
      status: 404,
      count: 1,
    })
    expect((await app.request("/__sim/state", { headers: { host: "example.org" } })).status).toBe(403)
    expect((await app.request("/__sim/state", { headers: { host: "localhost:4002" } })).status).toBe(200)
  })
})
