import { createHmac } from "node:crypto"
import { describe, expect, it } from "vitest"
import { doceboTestbed } from "./TestSupport.ts"

interface Received {
  url: string
  body: string
  signature: string | null
  authorization: string | null
}

/** A receiver that fails its first `failures` deliveries, then answers 200. */
const receiver = (failures = 0) => {
  const received: Received[] = []
  let remaining = failures
  const webhookFetch = async (url: string, init: RequestInit) => {
    const headers = new Headers(init.headers)
    received.push({
      url,
      body: String(init.body),
      signature: headers.get("x-iltsync-signature"),
      authorization: headers.get("authorization"),
    })
    if (remaining > 0) {
      remaining -= 1
      if (remaining % 2 === 0) throw new Error("connection reset")
      return new Response("nope", { status: 500 })
    }
    return new Response("ok", { status: 200 })
  }
  return { received, webhookFetch }
}

const parse = (delivery: Received | undefined) => JSON.parse(delivery?.body ?? "null")

describe("Docebo outgoing webhooks", () => {
  it("posts course events in Docebo's envelope, signed with HMAC-SHA256 of the raw body", async () => {
    const { received, webhookFetch } = receiver()
    const { api, control, state } = doceboTestbed({ webhookFetch })
    await control("POST", "webhooks", { url: "http://127.0.0.1:4000/webhooks/docebo", secret: "s3cret" })
    await api.post("/learn/v1/courses", { name: "Safety", code: "SAF", course_type: "classroom" })
    await api.put("/learn/v1/courses/1", { name: "Safety 2" })
    await api.delete("/learn/v1/courses/1")
    await state.webhooks.drain()
    expect(received.map((delivery) => parse(delivery).event)).toEqual([
      "course.created",
      "course.updated",
      "course.deleted",
    ])
    const first = received[0]
    expect(first?.url).toBe("http://127.0.0.1:4000/webhooks/docebo")
    expect(first?.signature).toBe(
      `sha256=${createHmac("sha256", "s3cret")
        .update(first?.body ?? "")
        .digest("hex")}`,
    )
    expect(parse(first)).toEqual({
      message_id: expect.stringMatching(/^wh-/),
      webhook_id: 1,
      original_domain: "acme.docebosaas.com",
      event: "course.created",
      fired_by_batch_action: false,
      payload: {
        fired_at: "2025-01-06 09:00:00",
        course_id: 1,
        name: "Safety",
        code: "SAF",
        type: "classroom",
        lang_code: "english",
      },
    })
  })

  it("sends no signature without a secret, and nothing without a subscription", async () => {
    const { received, webhookFetch } = receiver()
    const { api, control, state } = doceboTestbed({ webhookFetch })
    await api.post("/learn/v1/courses", { name: "Unheard", course_type: "classroom" })
    await control("POST", "webhooks", { url: "http://localhost:4000/hook" })
    await api.post("/learn/v1/courses", { name: "Heard", course_type: "classroom" })
    await state.webhooks.drain()
    expect(received).toHaveLength(1)
    expect(received[0]?.signature).toBeNull()
  })

  it("fires user events, marking those of a batch call", async () => {
    const { received, webhookFetch } = receiver()
    const { api, state } = doceboTestbed({ webhookFetch, webhook: { url: "http://localhost/hook", secret: null } })
    await api.post("/manage/v1/user", { userid: "ada", email: "ada@example.com" })
    await api.put("/manage/v1/user/1", { is_instructor: 1 })
    await api.post("/manage/v1/user/batch", { items: [{ user_id: 1, lastname: "Lovelace" }] })
    await state.webhooks.drain()
    expect(received.map((delivery) => [parse(delivery).event, parse(delivery).fired_by_batch_action])).toEqual([
      ["user.created", false],
      ["user.updated", false],
      ["user.updated", true],
    ])
    expect(parse(received[2]).payload).toMatchObject({ user_id: 1, last_name: "Lovelace", is_instructor: 1 })
  })

  it("retries a failed delivery (thrown or non-200) with the same signed body until it gets a 200", async () => {
    const { received, webhookFetch } = receiver(2)
    const { api, state } = doceboTestbed({ webhookFetch, webhook: { url: "http://localhost/hook", secret: "k" } })
    await api.post("/learn/v1/courses", { name: "Retry me", course_type: "webinar" })
    await state.webhooks.drain()
    expect(received).toHaveLength(3)
    expect(new Set(received.map((delivery) => delivery.body)).size).toBe(1)
    expect(new Set(received.map((delivery) => delivery.signature)).size).toBe(1)
    const [delivery] = state.webhooks.list()
    expect(delivery?.outcome).toBe("delivered")
    expect(delivery?.attempts.map((attempt) => attempt.status)).toEqual([500, null, 200])
  })

  it("waits out the backoff on the injected clock before retrying a due delivery", async () => {
    const { received, webhookFetch } = receiver(1)
    const { control, state, clock } = doceboTestbed({
      webhookFetch,
      webhook: { url: "http://localhost/hook", secret: null },
      seed: { courses: [{ id_course: 1, name: "C", course_type: "classroom" }] },
    })
    await control("POST", "act", { action: "create_session", course_id: 1, session: { name: "Direct" } })
    await state.webhooks.deliverDue()
    expect(received).toHaveLength(1)
    await state.webhooks.deliverDue()
    expect(received).toHaveLength(1)
    clock.advance(1000)
    await state.webhooks.deliverDue()
    expect(received).toHaveLength(2)
    expect(parse(received[1]).event).toBe("ilt.session.created")
  })

  it("gives up after a bounded number of attempts", async () => {
    const { received, webhookFetch } = receiver(100)
    const { api, state } = doceboTestbed({
      webhookFetch,
      webhook: { url: "http://localhost/hook", secret: null },
      webhookRetry: { maxAttempts: 3 },
    })
    await api.post("/learn/v1/courses", { name: "Lost", course_type: "webinar" })
    await state.webhooks.drain()
    expect(received).toHaveLength(3)
    expect(state.webhooks.list()[0]?.outcome).toBe("failed")
  })
})

describe("/__sim/webhooks", () => {
  it("shows the subscription (never its secret) and the deliveries, and unsubscribes with a null url", async () => {
    const { received, webhookFetch } = receiver()
    const { api, control, state } = doceboTestbed({ webhookFetch })
    await control("POST", "webhooks", { url: "http://localhost:4000/hook", secret: "hidden" })
    await api.post("/learn/v1/courses", { name: "A", course_type: "classroom" })
    await state.webhooks.drain()
    const shown = await control<{ data: { subscription: object; deliveries: { event: string; outcome: string }[] } }>(
      "GET",
      "webhooks",
    )
    expect(JSON.stringify(shown.body)).not.toContain("hidden")
    expect(shown.body.data.subscription).toEqual({
      url: "http://localhost:4000/hook",
      signed: true,
      authorized: false,
      grouped: false,
    })
    expect(shown.body.data.deliveries).toMatchObject([{ event: "course.created", outcome: "delivered" }])
    await control("POST", "webhooks", { url: null })
    await api.post("/learn/v1/courses", { name: "B", course_type: "classroom" })
    await state.webhooks.drain()
    expect(received).toHaveLength(1)
    expect((await control("POST", "webhooks", { url: "not a url" })).status).toBe(400)
  })
})

const course = { id_course: 1, name: "Safety", code: "SAF", course_type: "classroom" as const }
const hook = { url: "http://localhost/hook", secret: null }

describe("ILT session webhooks", () => {
  it("raise ilt.session.created, updated and deleted for the API's session writes, with Docebo's payload", async () => {
    const { received, webhookFetch } = receiver()
    const { api, state } = doceboTestbed({ webhookFetch, webhook: hook, seed: { courses: [course] } })
    await api.post("/course/v1/courses/1/sessions", { name: "Morning", code: "M-1" })
    await api.put("/course/v1/sessions/1", { name: "Morning, later" })
    await api.delete("/course/v1/sessions/1")
    await state.webhooks.drain()
    expect(received.map((delivery) => parse(delivery).event)).toEqual([
      "ilt.session.created",
      "ilt.session.updated",
      "ilt.session.deleted",
    ])
    expect(parse(received[1]).payload).toEqual({
      fired_at: "2025-01-06 09:00:00",
      course_id: 1,
      course_code: "SAF",
      session_id: 1,
      session_code: "M-1",
      session_name: "Morning, later",
      migrated_webinar_session_id: null,
    })
  })

  it("raise ilt.session.updated when a session's events change, and nothing for a refused write", async () => {
    const { received, webhookFetch } = receiver()
    const { api, state } = doceboTestbed({ webhookFetch, seed: { courses: [course] } })
    await api.post("/course/v1/courses/1/sessions", { name: "Morning" })
    state.subscribe(hook)
    const schedule = { date: "2027-03-01", time_begin: "09:00:00", time_end: "12:00:00", timezone: "Europe/Paris" }
    expect((await api.post("/course/v1/sessions/1/events", { schedule })).status).toBe(200)
    expect((await api.put("/course/v1/sessions/1/events/1", { schedule: { time_end: "13:00:00" } })).status).toBe(200)
    await api.delete("/course/v1/sessions/1/events/1")
    expect((await api.put("/course/v1/sessions/1", { max_enroll: -3 })).status).toBe(400)
    expect((await api.delete("/course/v1/sessions/99")).status).toBe(404)
    await state.webhooks.drain()
    expect(received.map((delivery) => [parse(delivery).event, parse(delivery).payload.session_id])).toEqual([
      ["ilt.session.updated", 1],
      ["ilt.session.updated", 1],
      ["ilt.session.updated", 1],
    ])
  })

  it("raise them for a Docebo admin's own session actions: made, edited, deleted", async () => {
    const { received, webhookFetch } = receiver()
    const { control, state } = doceboTestbed({ webhookFetch, webhook: hook, seed: { courses: [course] } })
    await control("POST", "act", { action: "create_session", course_id: 1, session: { name: "Direct" } })
    const edited = await control<{ data: { name: string; max_enroll: number } }>("POST", "act", {
      action: "edit_session",
      session_id: 1,
      changes: { name: "Direct, renamed", max_enroll: 12 },
    })
    expect(edited.body.data).toMatchObject({ name: "Direct, renamed", max_enroll: 12 })
    await control("POST", "act", { action: "enroll", session_id: 1, count: 3 })
    // The admin's UI deletes a session with learners once asked to, unlike the API without `force`.
    await control("POST", "act", { action: "delete_session", session_id: 1 })
    await state.webhooks.drain()
    expect(received.map((delivery) => [parse(delivery).event, parse(delivery).payload.session_name])).toEqual([
      ["ilt.session.created", "Direct"],
      ["ilt.session.updated", "Direct, renamed"],
      ["ilt.session.deleted", "Direct, renamed"],
    ])
    expect(state.snapshot().sessions).toEqual([])
  })

  it("refuse an admin edit naming a session that does not exist, or a field sessions do not have", async () => {
    const { control } = doceboTestbed({ seed: { courses: [course] } })
    await control("POST", "act", { action: "create_session", course_id: 1, session: { name: "Direct" } })
    const missing = await control("POST", "act", { action: "delete_session", session_id: 7 })
    expect(missing.status).toBe(404)
    const unknown = await control<{ message: string }>("POST", "act", {
      action: "edit_session",
      session_id: 1,
      changes: { colour: "red" },
    })
    expect(unknown.status).toBe(400)
    expect(unknown.body.message).toContain("changes.colour")
  })
})

describe("grouped deliveries", () => {
  it("gather events of one type in one delivery as payloads, signed and authorized as sent", async () => {
    const { received, webhookFetch } = receiver()
    const { api, control, state } = doceboTestbed({ webhookFetch, seed: { courses: [course] } })
    const subscription = { url: "http://localhost/hook", secret: "k", authorization: "Basic aWx0c3luYzpzM2NyZXQ=" }
    await control("POST", "webhooks", { ...subscription, group: true })
    await api.post("/course/v1/courses/1/sessions", { name: "One" })
    await api.post("/course/v1/courses/1/sessions", { name: "Two" })
    await api.put("/course/v1/sessions/1", { name: "One, renamed" })
    await api.post("/course/v1/courses/1/sessions", { name: "Three" })
    await state.webhooks.drain()
    expect(received.map((delivery) => [parse(delivery).event, parse(delivery).payloads.length])).toEqual([
      ["ilt.session.created", 3],
      ["ilt.session.updated", 1],
    ])
    const [created] = received
    expect(parse(created).payload).toBeUndefined()
    expect(parse(created).payloads.map((payload: { session_name: string }) => payload.session_name)).toEqual([
      "One",
      "Two",
      "Three",
    ])
    expect(created?.signature).toBe(
      `sha256=${createHmac("sha256", "k")
        .update(created?.body ?? "")
        .digest("hex")}`,
    )
    expect(created?.authorization).toBe(subscription.authorization)
    const shown = await control<{ data: { subscription: object } }>("GET", "webhooks")
    expect(shown.body.data.subscription).toEqual({
      url: "http://localhost/hook",
      signed: true,
      authorized: true,
      grouped: true,
    })
    expect(JSON.stringify(shown.body.data.subscription)).not.toContain("aWx0")
  })

  it("carry 25 events at most, and never add one to a delivery already attempted", async () => {
    const { received, webhookFetch } = receiver()
    const { api, state } = doceboTestbed({
      webhookFetch,
      webhook: { ...hook, group: true },
      seed: { courses: [course] },
    })
    for (let n = 1; n <= 27; n++) await api.post("/course/v1/courses/1/sessions", { name: `S${n}` })
    await state.webhooks.drain()
    await api.put("/course/v1/sessions/1", { name: "After" })
    await api.put("/course/v1/sessions/2", { name: "After too" })
    await state.webhooks.drain()
    await api.put("/course/v1/sessions/3", { name: "Later still" })
    await state.webhooks.drain()
    expect(received.map((delivery) => [parse(delivery).event, parse(delivery).payloads.length])).toEqual([
      ["ilt.session.created", 25],
      ["ilt.session.created", 2],
      ["ilt.session.updated", 2],
      ["ilt.session.updated", 1],
    ])
    expect(new Set(received.map((delivery) => parse(delivery).message_id)).size).toBe(4)
  })

  it("are how the strict profile sends them, unless a subscription says otherwise", async () => {
    const { received, webhookFetch } = receiver()
    const { api, state } = doceboTestbed({
      webhookFetch,
      webhook: hook,
      profile: "strict",
      seed: { courses: [course] },
    })
    await api.post("/course/v1/courses/1/sessions", { name: "One" })
    await state.webhooks.drain()
    state.subscribe({ ...hook, group: false })
    await api.post("/course/v1/courses/1/sessions", { name: "Two" })
    await state.webhooks.drain()
    expect(
      received.map((delivery) => [parse(delivery).payloads?.length, parse(delivery).payload?.session_name]),
    ).toEqual([
      [1, undefined],
      [undefined, "Two"],
    ])
  })

  it("wait a moment on the injected clock for more events before the first attempt", async () => {
    const { received, webhookFetch } = receiver()
    const { api, state, clock } = doceboTestbed({
      webhookFetch,
      webhook: { ...hook, group: true },
      seed: { courses: [course] },
    })
    await api.post("/course/v1/courses/1/sessions", { name: "One" })
    await state.webhooks.deliverDue()
    expect(received).toHaveLength(0)
    clock.advance(1000)
    await state.webhooks.deliverDue()
    expect(received).toHaveLength(1)
  })
})
