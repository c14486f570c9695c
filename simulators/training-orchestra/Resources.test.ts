import { describe, expect, it } from "vitest"
import { type Problem, sampleSeed, type ToOne, toTestbed } from "./TestSupport.ts"
import type { ToCourse, ToRoom, ToSession, ToSite, ToTrainer, ToTrainingProvider } from "./Types.ts"

describe("/api/v1/courses", () => {
  it("creates a course (201, Location) and PATCH bumps updated_at from the clock only on a change", async () => {
    const { api, clock } = toTestbed()
    const created = await api.post<ToOne<ToCourse>>("/courses", {
      code: "SAF",
      title: "Safety",
      modality: "onsite",
      external_ref: "101",
    })
    expect(created.status).toBe(201)
    expect(created.headers.get("location")).toBe(`/api/v1/courses/${created.body.data.id}`)
    expect(created.body.data).toMatchObject({
      id: expect.stringMatching(/^crs_/),
      language: "en",
      active: true,
      created_at: "2025-01-06T09:00:00.000Z",
      updated_at: "2025-01-06T09:00:00.000Z",
    })
    clock.advance(5000)
    const patched = await api.patch<ToOne<ToCourse>>(`/courses/${created.body.data.id}`, { active: false })
    expect(patched.body.data).toMatchObject({ active: false, updated_at: "2025-01-06T09:00:05.000Z" })
    clock.advance(5000)
    const same = await api.patch<ToOne<ToCourse>>(`/courses/${created.body.data.id}`, { active: false })
    expect(same.body.data.updated_at).toBe("2025-01-06T09:00:05.000Z")
  })

  it("refuses wrong types and unknown or read-only fields with 422 naming each field, changing nothing", async () => {
    const { api, state } = toTestbed({ seed: sampleSeed })
    const before = JSON.stringify(state.snapshot())
    const refused = await api.post<Problem>("/courses", { code: "", title: 3, modality: "hybrid", colour: "red" })
    expect(refused.status).toBe(422)
    expect(refused.headers.get("content-type")).toBe("application/problem+json")
    expect(refused.body.errors.map((error) => error.field).sort()).toEqual(["code", "colour", "modality", "title"])
    const readOnly = await api.patch<Problem>("/courses/crs_safety", { id: "crs_other", updated_at: "2020-01-01" })
    expect(readOnly.body.errors.map((error) => error.field)).toEqual(["id", "updated_at"])
    expect(JSON.stringify(state.snapshot())).toBe(before)
  })

  it("answers malformed JSON with 400, a body over 1 MiB with 413, unknown ids with 404", async () => {
    const { api, state } = toTestbed({ seed: sampleSeed })
    const before = JSON.stringify(state.snapshot())
    const malformed = await api.post<Problem>("/courses", '{"code": "X",')
    const huge = await api.post<Problem>("/courses", { code: "X", title: "y".repeat(1_100_000), modality: "onsite" })
    const missing = await api.get<Problem>("/courses/crs_nope")
    const patchMissing = await api.patch<Problem>("/courses/crs_nope", { title: "X" })
    expect(malformed.body).toMatchObject({ status: 400, title: "Bad Request", type: "about:blank" })
    expect(huge.body).toMatchObject({ status: 413 })
    expect([missing.status, patchMissing.status]).toEqual([404, 404])
    expect(JSON.stringify(state.snapshot())).toBe(before)
  })
})

describe("/api/v1/training-providers and /api/v1/sites", () => {
  it("creates a provider with its own site (1:1) and answers the provider with site_id", async () => {
    const { api } = toTestbed()
    const created = await api.post<ToOne<ToTrainingProvider>>("/training-providers", {
      name: "Beta Learning",
      site: { city: "Nantes", country: "FR" },
    })
    expect(created.status).toBe(201)
    const site = await api.get<ToOne<ToSite>>(`/sites/${created.body.data.site_id}`)
    expect(site.body.data).toMatchObject({
      name: "Beta Learning",
      city: "Nantes",
      training_provider_id: created.body.data.id,
    })
  })

  it("lets PATCH change only a provider's name and active flag, and a site's own fields", async () => {
    const { api } = toTestbed({ seed: sampleSeed })
    const off = await api.patch<ToOne<ToTrainingProvider>>("/training-providers/tp_acme", { active: false })
    expect(off.body.data).toMatchObject({ active: false, site_id: "site_acme" })
    const moveSite = await api.patch<Problem>("/training-providers/tp_acme", { site_id: "site_gone" })
    expect(moveSite.body.errors).toEqual([{ field: "site_id", message: "cannot be changed through the API" }])
    const site = await api.patch<ToOne<ToSite>>("/sites/site_acme", { address: "1 quai Perrache" })
    expect(site.body.data.address).toBe("1 quai Perrache")
    const reparent = await api.patch<Problem>("/sites/site_acme", { training_provider_id: "tp_gone" })
    expect(reparent.body.errors[0]?.field).toBe("training_provider_id")
  })
})

describe("/api/v1/trainers", () => {
  it("creates and updates trainers of an existing provider", async () => {
    const { api } = toTestbed({ seed: sampleSeed })
    const created = await api.post<ToOne<ToTrainer>>("/trainers", {
      first_name: "Grace",
      last_name: "Hopper",
      email: "grace@example.com",
      training_provider_id: "tp_acme",
      external_ref: "12",
    })
    expect(created.body.data).toMatchObject({ active: true, external_ref: "12" })
    const unknown = await api.post<Problem>("/trainers", {
      first_name: "X",
      last_name: "Y",
      email: "x@example.com",
      training_provider_id: "tp_nope",
    })
    expect(unknown.body.errors[0]?.field).toBe("training_provider_id")
    const moved = await api.patch<ToOne<ToTrainer>>(`/trainers/${created.body.data.id}`, { active: false })
    expect(moved.body.data.active).toBe(false)
  })
})

describe("/api/v1/locations and /api/v1/rooms", () => {
  it("serves locations read-only", async () => {
    const { api } = toTestbed({ seed: sampleSeed })
    expect((await api.get("/locations/loc_paris")).status).toBe(200)
    expect((await api.post("/locations", { name: "New" })).status).toBe(404)
  })

  it("creates and updates virtual rooms only, and only their writable fields", async () => {
    const { api } = toTestbed({ seed: sampleSeed })
    const created = await api.post<ToOne<ToRoom>>("/rooms", {
      name: "Teams 1",
      webinar_tool: "teams",
      external_ref: "31",
    })
    expect(created.body.data).toMatchObject({ kind: "virtual", location_id: null, active: true })
    const refusals: [string, object, string][] = [
      ["/rooms", { name: "Hall", kind: "physical", location_id: "loc_paris" }, "kind"],
      ["/rooms", { name: "Zoom", webinar_tool: "zoom", location_id: "loc_paris" }, "location_id"],
      ["/rooms", { name: "No tool" }, "webinar_tool"],
    ]
    for (const [path, body, field] of refusals) {
      const refused = await api.post<Problem>(path, body)
      expect(refused.status, field).toBe(422)
      expect(refused.body.errors[0]?.field, field).toBe(field)
    }
    const renamed = await api.patch<ToOne<ToRoom>>("/rooms/room_zoom", { name: "Zoom (main)", active: false })
    expect(renamed.body.data).toMatchObject({ name: "Zoom (main)", active: false })
    const physical = await api.patch<Problem>("/rooms/room_a", { name: "Room B" })
    expect(physical.body.errors[0]?.field).toBe("kind")
    const kind = await api.patch<Problem>("/rooms/room_zoom", { kind: "physical" })
    expect(kind.body.errors[0]).toEqual({ field: "kind", message: "cannot be changed through the API" })
  })
})

describe("/api/v1/sessions", () => {
  it("lets PATCH set only external_ref and needs_reconfiguration", async () => {
    const { api, act } = toTestbed({ seed: sampleSeed })
    const scheduled = await act<ToOne<ToSession>>({
      action: "schedule_session",
      session: { course_id: "crs_safety", name: "Safety, March", trainer_id: "trn_ada" },
    })
    const id = scheduled.body.data.id
    const stamped = await api.patch<ToOne<ToSession>>(`/sessions/${id}`, {
      external_ref: "5001",
      needs_reconfiguration: true,
    })
    expect(stamped.body.data).toMatchObject({ external_ref: "5001", needs_reconfiguration: true })
    for (const field of ["name", "status", "sequences", "trainer_id"]) {
      const refused = await api.patch<Problem>(`/sessions/${id}`, { [field]: null })
      expect(refused.status, field).toBe(422)
      expect(refused.body.errors, field).toEqual([{ field, message: "cannot be changed through the API" }])
    }
    expect((await api.patch("/sessions/ses_nope", { external_ref: "1" })).status).toBe(404)
  })
})
