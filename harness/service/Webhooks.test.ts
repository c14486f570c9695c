import { createHmac } from "node:crypto"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { stampOfCode } from "../../engine/Stamps.ts"
import { signatureOf } from "./Auth.ts"
import {
  doceboApi,
  eventually,
  type Fixture,
  fullSync,
  leakedSecrets,
  serviceUrl,
  simAct,
  startFixture,
  subscribe,
  testEnv,
  webhookSecret,
} from "./TestSupport.ts"

let fixture: Fixture
beforeAll(async () => {
  fixture = await startFixture()
  await subscribe(fixture.docebo, "/webhooks/docebo")
})
afterAll(async () => {
  expect(leakedSecrets(fixture)).toEqual([])
  await fixture.close()
})

/** How many runs webhooks have started so far, from `/metrics`. */
const webhookRuns = async () => {
  const text = (await fixture.call("GET", "/metrics")).text
  return [...text.matchAll(/^iltsync_runs_total\{trigger="webhook"[^}]*\} (\d+)$/gm)].reduce(
    (sum, match) => sum + Number(match[1]),
    0,
  )
}

const queueDepth = async () =>
  Number(/^iltsync_webhook_queue_depth (\d+)$/m.exec((await fixture.call("GET", "/metrics")).text)?.[1])

const post = (path: string, body: string, headers: Record<string, string>) =>
  fixture.call("POST", path, { token: null, body, headers })

const courseEnvelope = (messageId: string, type: string) =>
  JSON.stringify({
    message_id: messageId,
    webhook_id: 1,
    original_domain: "acme.docebosaas.com",
    event: "course.created",
    fired_by_batch_action: false,
    payload: { fired_at: "2027-01-04 09:00:00", course_id: 990, name: "Ignored", code: "IGN-1", type },
  })

describe("a Docebo webhook", () => {
  it("for a new ILT course is stored, answered at once, and syncs that course alone to TO", async () => {
    const toCoursesBefore = fixture.to.state.snapshot().courses.length
    const created = await doceboApi(fixture, "POST", "/learn/v1/courses", {
      name: "Conflict De-escalation",
      code: "HSE-777",
      course_type: "classroom",
    })
    const courseId = String(created.data.id_course)

    const started = Date.now()
    await fixture.docebo.state.webhooks.drain()
    const [delivery] = fixture.docebo.state.webhooks.list()
    expect(delivery?.event).toBe("course.created")
    expect(delivery?.attempts.map((attempt) => attempt.status)).toEqual([200])
    expect(Date.now() - started).toBeLessThan(1_000)

    const toCourse = await eventually(() =>
      fixture.to.state.snapshot().courses.find((course) => course.code === "HSE-777"),
    )
    expect(toCourse).toMatchObject({ title: "Conflict De-escalation", modality: "onsite", external_ref: courseId })
    // Only the course the webhook named: the courses a full sync would also create are left for it.
    expect(fixture.to.state.snapshot().courses).toHaveLength(toCoursesBefore + 1)
    await eventually(async () => ((await queueDepth()) === 0 ? true : undefined))
    const courses = (await fixture.call("GET", "/courses")).json<Array<{ code: string; syncStatus: string }>>()
    expect(courses.find((course) => course.code === "HSE-777")?.syncStatus).toBe("synced")
    const log = (await fixture.call("GET", "/event-logs?action=sync.course.create")).json<{ items: unknown[] }>()
    expect(log.items).toEqual([expect.objectContaining({ user: "webhook:docebo" })])
  })

  it("delivered again (same message id) is acknowledged and not processed twice", async () => {
    const [delivery] = fixture.docebo.state.webhooks.list()
    if (delivery === undefined) throw new Error("no delivery to replay")
    const runs = await webhookRuns()
    const replay = await post("/webhooks/docebo", delivery.body, delivery.headers)
    expect(replay.status).toBe(200)
    expect(replay.json()).toEqual({ received: true, duplicate: true })
    expect(await queueDepth()).toBe(0)
    expect(await webhookRuns()).toBe(runs)
    expect(fixture.to.state.snapshot().courses.filter((course) => course.code === "HSE-777")).toHaveLength(1)
  })

  it("that is forged, unsigned or signed with another secret is refused with 401 and not stored", async () => {
    const body = courseEnvelope("wh-forged-1", "classroom")
    const cases: ReadonlyArray<Record<string, string>> = [
      {},
      { "x-iltsync-signature": signatureOf("another-secret", body) },
      { "x-iltsync-signature": signatureOf(webhookSecret, `${body} `) },
      { "x-iltsync-signature": "sha256=" },
      // TO's header does not sign a Docebo delivery.
      { "x-to-signature": signatureOf(webhookSecret, body) },
    ]
    for (const headers of cases) {
      const answer = await post("/webhooks/docebo", body, headers)
      expect(answer.status).toBe(401)
      expect(answer.headers.get("content-type")).toBe("application/problem+json")
    }
    expect((await post("/webhooks/docebo?token=wrong", body, {})).status).toBe(401)
    expect(await queueDepth()).toBe(0)
  })

  it("may carry the secret as ?token= instead of a signature; an e-learning course starts no run", async () => {
    const runs = await webhookRuns()
    const answer = await post(
      `/webhooks/docebo?token=${webhookSecret}`,
      courseEnvelope("wh-elearning-1", "elearning"),
      {},
    )
    expect(answer.status).toBe(200)
    expect(answer.json()).toEqual({ received: true, duplicate: false })
    await eventually(async () => ((await queueDepth()) === 0 ? true : undefined))
    expect(await webhookRuns()).toBe(runs)
  })

  it("whose message id holds a lone surrogate is worked off once, like any other", async () => {
    // Such an id was stored as bytes that read back as other characters: the delivery was never settled and re-ran
    // its course's sync on every wake of the worker.
    const runs = await webhookRuns()
    const body = courseEnvelope("\udc00p1", "classroom")
    const answer = await post("/webhooks/docebo", body, { "x-iltsync-signature": signatureOf(webhookSecret, body) })
    expect(answer.json()).toEqual({ received: true, duplicate: false })
    await eventually(async () => ((await queueDepth()) === 0 ? true : undefined))
    expect(await webhookRuns()).toBe(runs + 1)
    const again = await post("/webhooks/docebo", body, { "x-iltsync-signature": signatureOf(webhookSecret, body) })
    expect(again.json()).toEqual({ received: true, duplicate: true })
    expect((await fixture.call("GET", "/metrics")).text).toMatch(/^iltsync_webhooks\{status="dead"\} 0$/m)
  })

  it("is signed over its raw bytes: one that is not valid UTF-8 is still genuine, and accepted", async () => {
    const bytes = Buffer.concat([
      Buffer.from('{"message_id":"wh-latin1-1","event":"course.updated","payload":{"course_id":990,"name":"Caf'),
      Buffer.from([0xe9, 0xff]),
      Buffer.from('"}}'),
    ])
    const signature = `sha256=${createHmac("sha256", webhookSecret).update(bytes).digest("hex")}`
    const answer = await fixture.service.app.request(`${serviceUrl}/webhooks/docebo`, {
      method: "POST",
      headers: { "content-type": "application/json", "x-iltsync-signature": signature },
      body: bytes,
    })
    expect(answer.status).toBe(200)
    expect(await answer.json()).toEqual({ received: true, duplicate: false })
    await eventually(async () => ((await queueDepth()) === 0 ? true : undefined))
  })

  it("nested 10,000 levels deep is refused with 400, not stored: a 500 would be retried forever", async () => {
    const deep = `${'{"a":'.repeat(10_000)}1${"}".repeat(10_000)}`
    const body = `{"message_id":"wh-deep-1","event":"course.created","payload":${deep}}`
    const answer = await post("/webhooks/docebo", body, { "x-iltsync-signature": signatureOf(webhookSecret, body) })
    expect(answer.status).toBe(400)
    expect(answer.json()).toMatchObject({ errors: [{ field: "body", message: "nests deeper than 32 levels" }] })
    expect(await queueDepth()).toBe(0)
  })

  it("without a message id is refused with 400 naming it", async () => {
    const body = JSON.stringify({ event: "course.created", payload: {} })
    const answer = await post("/webhooks/docebo", body, { "x-iltsync-signature": signatureOf(webhookSecret, body) })
    expect(answer.status).toBe(400)
    expect(answer.json()).toMatchObject({ errors: [{ field: "message_id" }] })
  })
})

describe("a Training Orchestra webhook", () => {
  it("for a session scheduled and validated syncs its course: the session reaches Docebo", async () => {
    await fullSync(fixture)
    await subscribe(fixture.to, "/webhooks/training-orchestra")
    const template = fixture.to.state
      .snapshot()
      .sessions.find((session) => session.status === "validated" && session.modality === "onsite")
    if (template === undefined) throw new Error("acme has no validated onsite session")
    const scheduled = await simAct(fixture.to, {
      action: "schedule_session",
      session: {
        course_id: template.course_id,
        name: "Extra date for the webhook test",
        status: "validated",
        min_participants: template.min_participants,
        max_participants: template.max_participants,
        trainer_id: template.trainer_id,
        location_id: template.location_id,
        room_id: template.room_id,
        sequences: template.sequences.map(({ id: _id, ...sequence }) => ({ ...sequence, day: "2027-11-18" })),
      },
    })
    await fixture.to.state.webhooks.drain()
    expect(fixture.to.state.webhooks.list().map((delivery) => delivery.attempts.at(-1)?.status)).toEqual([200])

    const copy = await eventually(() =>
      fixture.docebo.state.snapshot().sessions.find((session) => stampOfCode(session.code) === scheduled.id),
    )
    expect(copy.name).toBe("Extra date for the webhook test")
    // The run logs its actions once it has applied them all: the copy can be seen in Docebo a moment earlier.
    const logged = await eventually(async () => {
      const log = (await fixture.call("GET", "/event-logs?action=sync.session.create")).json<{
        items: Array<{ user: string; details: { key?: string } }>
      }>()
      return log.items.find((item) => item.details.key === scheduled.id)
    })
    expect(logged.user).toBe("webhook:training-orchestra")
  })
})

describe("a Training Orchestra location webhook", () => {
  it("syncs locations and classrooms: a location opened in TO appears in Docebo", async () => {
    const location = await simAct(fixture.to, {
      action: "upsert_location",
      location: { name: "Acme Madrid Hub", address: "Calle de Alcalá 48", city: "Madrid", country: "ES" },
    })
    await fixture.to.state.webhooks.drain()
    // Docebo keeps no stamp on a location: its copy is the one with its name and address.
    const copy = await eventually(() =>
      fixture.docebo.state.snapshot().locations.find((candidate) => candidate.name === location.name),
    )
    expect(copy.address).toBe("Calle de Alcalá 48, Madrid")
  })
})

describe("webhooks without ILTSYNC_WEBHOOK_SECRET", () => {
  it("are all refused", async () => {
    const closed = await startFixture({ env: { ...testEnv(), ILTSYNC_WEBHOOK_SECRET: "" } })
    try {
      const body = courseEnvelope("wh-1", "classroom")
      for (const path of ["/webhooks/docebo", "/webhooks/training-orchestra"]) {
        const answer = await closed.call("POST", `${path}?token=`, { token: null, body })
        expect(answer.status).toBe(401)
        expect(answer.json()).toMatchObject({
          detail: "webhooks are refused: ILTSYNC_WEBHOOK_SECRET is not configured",
        })
      }
    } finally {
      await closed.close()
    }
  })
})
