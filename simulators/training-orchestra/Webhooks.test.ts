import { createHmac } from "node:crypto"
import { describe, expect, it } from "vitest"
import { sampleSeed, sequence, type ToOne, toTestbed } from "./TestSupport.ts"
import type { ToSession } from "./Types.ts"

interface Received {
  body: string
  signature: string | null
}

const receiver = (failures = 0) => {
  const received: Received[] = []
  let remaining = failures
  const webhookFetch = async (_url: string, init: RequestInit) => {
    received.push({ body: String(init.body), signature: new Headers(init.headers).get("x-to-signature") })
    if (remaining > 0) {
      remaining -= 1
      return new Response("busy", { status: 503 })
    }
    return new Response(null, { status: 204 })
  }
  return { received, webhookFetch }
}

const typesOf = (received: Received[]) => received.map((delivery) => JSON.parse(delivery.body).type)

describe("Training Orchestra outgoing webhooks", () => {
  it("announce planner actions in TO's envelope, signed with X-TO-Signature", async () => {
    const { received, webhookFetch } = receiver()
    const { act, control, state } = toTestbed({ seed: sampleSeed, webhookFetch })
    await control("POST", "webhooks", { url: "http://127.0.0.1:4000/webhooks/training-orchestra", secret: "to-key" })
    const scheduled = await act<ToOne<ToSession>>({
      action: "schedule_session",
      session: { course_id: "crs_safety", name: "S", trainer_id: "trn_ada", sequences: [sequence("2025-03-10")] },
    })
    const id = scheduled.body.data.id
    await act({ action: "validate_session", id })
    await act({ action: "cancel_session", id })
    await act({ action: "upsert_location", location: { name: "Lille" } })
    await act({ action: "upsert_location", location: { id: "loc_paris", name: "Paris HQ" } })
    await act({ action: "upsert_room", room: { name: "Hall", kind: "physical", location_id: "loc_paris" } })
    await act({ action: "upsert_room", room: { id: "room_a", seats: 14 } })
    await act({ action: "update_training_provider", id: "tp_acme", changes: { name: "Acme Academy" } })
    await act({ action: "update_site", id: "site_acme", changes: { city: "Annecy" } })
    await state.webhooks.drain()
    expect(typesOf(received)).toEqual([
      "session.created",
      "session.updated",
      "session.cancelled",
      "location.created",
      "location.updated",
      "room.created",
      "room.updated",
      "training_provider.updated",
      "training_provider.updated",
    ])
    const first = received[0]
    expect(JSON.parse(first?.body ?? "")).toEqual({
      id: expect.stringMatching(/^evt_[0-9a-f]{32}$/),
      type: "session.created",
      occurred_at: "2025-01-06T09:00:00.000Z",
      data: { id },
    })
    expect(first?.signature).toBe(
      `sha256=${createHmac("sha256", "to-key")
        .update(first?.body ?? "")
        .digest("hex")}`,
    )
    expect(JSON.parse(received.at(-1)?.body ?? "").data).toEqual({ id: "tp_acme" })
  })

  it("announce API writes that change a record, and nothing for a write that changes nothing", async () => {
    const { received, webhookFetch } = receiver()
    const { api, act, state } = toTestbed({
      seed: sampleSeed,
      webhookFetch,
      webhook: { url: "http://localhost/hook", secret: null },
    })
    const scheduled = await act<ToOne<ToSession>>({
      action: "schedule_session",
      session: { course_id: "crs_safety", name: "S", trainer_id: "trn_ada" },
    })
    await api.patch(`/sessions/${scheduled.body.data.id}`, { external_ref: "77" })
    await api.patch(`/sessions/${scheduled.body.data.id}`, { external_ref: "77" })
    await api.post("/training-providers", { name: "Beta" })
    await api.patch("/training-providers/tp_acme", { active: false })
    await api.post("/rooms", { name: "Teams", webinar_tool: "teams" })
    await api.patch("/rooms/room_zoom", { seats: 100 })
    await api.post("/courses", { code: "NEW", title: "New", modality: "online" })
    await state.webhooks.drain()
    expect(typesOf(received)).toEqual([
      "session.created",
      "session.updated",
      "training_provider.created",
      "training_provider.updated",
      "room.created",
      "room.updated",
    ])
    expect(received[0]?.signature).toBeNull()
  })

  it("retries a delivery that did not get a 2xx, with the same body", async () => {
    const { received, webhookFetch } = receiver(2)
    const { act, state } = toTestbed({ seed: sampleSeed, webhookFetch, webhook: { url: "http://h/", secret: "k" } })
    await act({ action: "upsert_location", location: { name: "Lille" } })
    await state.webhooks.drain()
    expect(received).toHaveLength(3)
    expect(new Set(received.map((delivery) => delivery.body)).size).toBe(1)
    expect(state.webhooks.list()[0]?.attempts.map((attempt) => attempt.status)).toEqual([503, 503, 204])
  })

  it("come one event a delivery: a subscription asking for groups (Docebo's option) is refused", async () => {
    const { control, state } = toTestbed({ seed: sampleSeed })
    const answer = await control<{ errors: { field: string }[] }>("POST", "webhooks", { url: "http://h/", group: true })
    expect(answer.status).toBe(422)
    expect(answer.body.errors.map((error) => error.field)).toEqual(["group"])
    expect(state.webhooks.current()).toBeNull()
  })
})
