import { describe, expect, it } from "vitest"
import { type Problem, sampleSeed, sequence, type ToOne, toTestbed } from "./TestSupport.ts"
import type { ToLocation, ToRoom, ToSession, ToSite, ToTrainingProvider } from "./Types.ts"

const schedule = (trainerId: string, extra: object = {}) => ({
  action: "schedule_session",
  session: {
    course_id: "crs_safety",
    name: "Safety, March",
    trainer_id: trainerId,
    max_participants: 12,
    sequences: [sequence("2025-03-10"), sequence("2025-03-11")],
    ...extra,
  },
})

describe("POST /__sim/act on sessions", () => {
  it("schedules a session with fresh sequence ids, in qualification, with the course's modality", async () => {
    const { act } = toTestbed({ seed: sampleSeed })
    const answer = await act<ToOne<ToSession>>(schedule("trn_ada"))
    expect(answer.status).toBe(200)
    expect(answer.body.data).toMatchObject({
      status: "in_qualification",
      modality: "onsite",
      needs_reconfiguration: false,
      external_ref: null,
    })
    const [first, second] = answer.body.data.sequences
    expect(first).toMatchObject({ id: expect.stringMatching(/^seq_/), duration_minutes: 210, trainer_id: "trn_ada" })
    expect(second?.id).not.toBe(first?.id)
  })

  it("refuses a new session whose trainer, or whose trainer's provider, is inactive (422 naming the field)", async () => {
    const { act, state } = toTestbed({ seed: sampleSeed })
    const idle = await act<Problem>(schedule("trn_idle"))
    const orphan = await act<Problem>(schedule("trn_orphan"))
    const bySequence = await act<Problem>(
      schedule("trn_ada", { sequences: [sequence("2025-03-10", { trainer_id: "trn_idle" })] }),
    )
    expect(idle.status).toBe(422)
    expect(idle.body.errors).toEqual([{ field: "session.trainer_id", message: "trainer trn_idle is inactive" }])
    expect(orphan.body.errors[0]?.message).toContain("training provider tp_gone")
    expect(bySequence.body.errors[0]?.field).toBe("session.sequences[0].trainer_id")
    expect(state.snapshot().sessions).toEqual([])
  })

  it("refuses unknown references and impossible times, naming each", async () => {
    const { act } = toTestbed({ seed: sampleSeed })
    const badDay = await act<Problem>(schedule("trn_ada", { sequences: [sequence("2025-02-30")] }))
    expect(badDay.body.errors.map((error) => error.field)).toEqual(["session.sequences[0].day"])
    const answer = await act<Problem>(
      schedule("trn_ada", {
        course_id: "crs_nope",
        room_id: "room_nope",
        sequences: [sequence("2025-03-10", { end: "08:00", room_id: "room_a" }), sequence("2025-03-11")],
      }),
    )
    expect(answer.body.errors.map((error) => error.field)).toEqual([
      "session.course_id",
      "session.room_id",
      "session.sequences[0].end",
      "session.sequences[1].room_id",
    ])
  })

  it("replaces sequences on update, keeping the ids given and assigning fresh ones to the others", async () => {
    const { act, clock } = toTestbed({ seed: sampleSeed })
    const scheduled = await act<ToOne<ToSession>>(schedule("trn_ada"))
    const [kept] = scheduled.body.data.sequences
    clock.advance(60_000)
    const updated = await act<ToOne<ToSession>>({
      action: "update_session",
      id: scheduled.body.data.id,
      changes: {
        name: "Safety, April",
        sequences: [{ ...kept, day: "2025-04-10" }, sequence("2025-04-11")],
      },
    })
    const sequences = updated.body.data.sequences
    expect(sequences.map((item) => item.day)).toEqual(["2025-04-10", "2025-04-11"])
    expect(sequences[0]?.id).toBe(kept?.id)
    expect(sequences[1]?.id).toMatch(/^seq_/)
    expect(scheduled.body.data.sequences.map((item) => item.id)).not.toContain(sequences[1]?.id)
    expect(updated.body.data.updated_at).toBe("2025-01-06T09:01:00.000Z")
  })

  it("validates and cancels sessions; a cancelled session cannot be validated", async () => {
    const { act } = toTestbed({ seed: sampleSeed })
    const { id } = (await act<ToOne<ToSession>>(schedule("trn_ada"))).body.data
    expect((await act<ToOne<ToSession>>({ action: "validate_session", id })).body.data.status).toBe("validated")
    expect((await act<ToOne<ToSession>>({ action: "cancel_session", id })).body.data.status).toBe("cancelled")
    const again = await act<Problem>({ action: "validate_session", id })
    expect(again.body.errors[0]?.field).toBe("status")
    expect((await act<Problem>({ action: "cancel_session", id: "ses_nope" })).status).toBe(404)
  })
})

describe("POST /__sim/act on places and providers", () => {
  it("creates then updates locations and rooms", async () => {
    const { act } = toTestbed({ seed: sampleSeed })
    const location = await act<ToOne<ToLocation>>({
      action: "upsert_location",
      location: { name: "Lille", city: "Lille" },
    })
    const moved = await act<ToOne<ToLocation>>({
      action: "upsert_location",
      location: { id: location.body.data.id, address: "2 rue Nationale" },
    })
    expect(moved.body.data).toMatchObject({ name: "Lille", address: "2 rue Nationale" })
    const room = await act<ToOne<ToRoom>>({
      action: "upsert_room",
      room: { name: "Hall", kind: "physical", location_id: location.body.data.id, seats: 40 },
    })
    expect(room.body.data).toMatchObject({ kind: "physical", seats: 40 })
    const homeless = await act<Problem>({ action: "upsert_room", room: { name: "Nowhere", kind: "physical" } })
    expect(homeless.body.errors[0]?.field).toBe("room.location_id")
    expect((await act<Problem>({ action: "upsert_location", location: { id: "loc_nope" } })).status).toBe(404)
  })

  it("updates a provider and a site", async () => {
    const { act } = toTestbed({ seed: sampleSeed })
    const provider = await act<ToOne<ToTrainingProvider>>({
      action: "update_training_provider",
      id: "tp_gone",
      changes: { active: true },
    })
    expect(provider.body.data.active).toBe(true)
    const site = await act<ToOne<ToSite>>({ action: "update_site", id: "site_acme", changes: { city: "Grenoble" } })
    expect(site.body.data.city).toBe("Grenoble")
    const refused = await act<Problem>({ action: "update_training_provider", id: "tp_gone", changes: { site_id: "x" } })
    expect(refused.body.errors[0]?.field).toBe("changes.site_id")
  })

  it("refuses an unknown action, naming the field", async () => {
    const { act } = toTestbed()
    const answer = await act<Problem>({ action: "hire_trainer" })
    expect(answer.status).toBe(422)
    expect(answer.body.errors[0]?.field).toBe("action")
  })
})
