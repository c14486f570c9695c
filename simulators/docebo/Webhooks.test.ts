import { createHmac } from "node:crypto"
import { describe, expect, it } from "vitest"
import { doceboTestbed } from "./TestSupport.ts"

interface Received {
  url: string
  body: string
  signature: string | null
}

/** A receiver that fails its first `failures` deliveries, then answers 200. */
const receiver = (failures = 0) => {
  const received: Received[] = []
  let remaining = failures
  const webhookFetch = async (url: string, init: RequestInit) => {
    const headers = new Headers(init.headers)
    received.push({ url, body: String(init.body), signature: headers.get("x-iltsync-signature") })
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
    expect(parse(received[1]).event).toBe("course.updated")
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
    expect(shown.body.data.subscription).toEqual({ url: "http://localhost:4000/hook", signed: true })
    expect(shown.body.data.deliveries).toMatchObject([{ event: "course.created", outcome: "delivered" }])
    await control("POST", "webhooks", { url: null })
    await api.post("/learn/v1/courses", { name: "B", course_type: "classroom" })
    await state.webhooks.drain()
    expect(received).toHaveLength(1)
    expect((await control("POST", "webhooks", { url: "not a url" })).status).toBe(400)
  })
})
