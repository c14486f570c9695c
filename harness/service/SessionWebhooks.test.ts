/**
 * Docebo's webhooks as Docebo sends them: authenticated by the `Authorization` header its webhook was configured
 * with, `ilt.session.*` events for sessions changed there, grouped deliveries, and the echoes of iltsync's own writes.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { stampOfCode } from "../../engine/Stamps.ts"
import { simulatorControl } from "../Simulators.ts"
import { verifyWebhook } from "./Auth.ts"
import { serviceSettings } from "./Settings.ts"
import {
  eventually,
  type Fixture,
  fullSync,
  leakedSecrets,
  serviceUrl,
  simAct,
  startFixture,
  subscribe,
  testEnv,
} from "./TestSupport.ts"

const authorization = "Basic ZG9jZWJvLWhvb2s6N2YzYy1wYXNzd29yZA=="

let fixture: Fixture
beforeAll(async () => {
  fixture = await startFixture({ env: { ...testEnv(), ILTSYNC_DOCEBO_WEBHOOK_AUTHORIZATION: authorization } })
  // As a real Docebo webhook is set up: the header it was given, no signature.
  await simulatorControl(fixture.docebo.app, "/__sim/webhooks", {
    url: `${serviceUrl}/webhooks/docebo`,
    secret: null,
    authorization,
  })
})
afterAll(async () => {
  expect(leakedSecrets(fixture)).toEqual([])
  const seen = [...fixture.answers, ...fixture.logs].join("\n")
  expect(seen).not.toContain(authorization)
  expect(seen).not.toContain("ZG9jZWJvLWhvb2s6")
  await fixture.close()
})

const metric = async (pattern: RegExp) =>
  [...(await fixture.call("GET", "/metrics")).text.matchAll(pattern)].reduce((sum, match) => sum + Number(match[1]), 0)
const webhookRuns = () => metric(/^iltsync_runs_total\{trigger="webhook"[^}]*\} (\d+)$/gm)
const queueDepth = () => metric(/^iltsync_webhook_queue_depth (\d+)$/gm)

/** Every webhook both simulators raised is delivered, and every run it started is over. */
const settled = async () => {
  for (let round = 0; round < 3; round++) {
    await fixture.docebo.state.webhooks.drain()
    await fixture.to.state.webhooks.drain()
    await eventually(async () => ((await queueDepth()) === 0 ? true : undefined))
  }
}

/** The adapters' Docebo calls from `from` on. */
const doceboCallsSince = (from: number) => fixture.calls.slice(from).filter((call) => call.startsWith("docebo "))

const copyOf = (toSessionId: string) =>
  fixture.docebo.state.snapshot().sessions.find((session) => stampOfCode(session.code) === toSessionId)
const toSession = (id: string) => fixture.to.state.snapshot().sessions.find((session) => session.id === id)

describe("Docebo webhooks authenticated by a configured Authorization header", () => {
  it("are taken when they carry it, refused with 401 otherwise; TO's route does not take it", async () => {
    const body = JSON.stringify({ message_id: "wh-auth-1", event: "lesson.viewed", payload: {} })
    const post = (path: string, headers: Record<string, string>) =>
      fixture.call("POST", path, { token: null, body, headers })
    expect((await post("/webhooks/docebo", { authorization })).status).toBe(200)
    for (const wrong of [`${authorization}x`, "Basic ZG9jZWJv", "Bearer tok-alice-5b8e0c3a"])
      expect((await post("/webhooks/docebo", { authorization: wrong })).status).toBe(401)
    const to = JSON.stringify({ id: "evt_auth_1", type: "location.created", data: { id: "loc_1" } })
    const refused = await fixture.call("POST", "/webhooks/training-orchestra", {
      token: null,
      body: to,
      headers: { authorization },
    })
    expect(refused.status).toBe(401)
  })

  it("alone, without ILTSYNC_WEBHOOK_SECRET, lets Docebo's deliveries in and no one else's", () => {
    const body = new TextEncoder().encode("{}")
    const keys = { secret: null, authorization }
    const carrying = { body, signature: undefined, urlToken: undefined, authorization }
    expect(() => verifyWebhook(keys, carrying)).not.toThrow()
    expect(() => verifyWebhook(keys, { ...carrying, authorization: undefined, urlToken: "" })).toThrow(
      "the webhook signature is not valid",
    )
    // TO's route has no Authorization to compare with: with no secret either, it refuses everything.
    expect(() => verifyWebhook({ secret: null, authorization: null }, carrying)).toThrow(
      "ILTSYNC_WEBHOOK_SECRET is not configured",
    )
  })

  it("is a setting that must be one line and not guessable; a refusal never repeats it", () => {
    const env = { ...testEnv(), ILTSYNC_DOCEBO_WEBHOOK_AUTHORIZATION: "Basic YTpi" }
    expect(() => serviceSettings(env)).toThrow(/shorter than 16 characters/)
    try {
      serviceSettings(env)
    } catch (refusal) {
      expect(JSON.stringify(refusal)).not.toContain("YTpi")
    }
    const broken = { ...testEnv(), ILTSYNC_DOCEBO_WEBHOOK_AUTHORIZATION: `${authorization}\nX-Other: 1` }
    expect(() => serviceSettings(broken)).toThrow(/control character/)
    expect(
      serviceSettings({ ...testEnv(), ILTSYNC_DOCEBO_WEBHOOK_AUTHORIZATION: " " }).doceboWebhookAuthorization,
    ).toBe(null)
  })
})

describe("Docebo session webhooks", () => {
  it("of iltsync's own writes (a first sync's, then a session renamed in TO) start no run and cost no call", async () => {
    await fullSync(fixture)
    const runs = await webhookRuns()
    const before = fixture.calls.length
    await settled()
    // Counted by event: the strict profile groups up to 25 events of a type in one delivery (`payloads`).
    const sessionEvents = fixture.docebo.state.webhooks
      .list()
      .filter((d) => d.event.startsWith("ilt.session."))
      .reduce(
        (sum, d) => sum + ((JSON.parse(d.body) as { payloads?: ReadonlyArray<unknown> }).payloads?.length ?? 1),
        0,
      )
    expect(sessionEvents).toBeGreaterThan(10)
    expect(doceboCallsSince(before)).toEqual([])
    expect(await webhookRuns()).toBe(runs)

    // A TO planner renames a synced session: the run its webhook starts writes the copy, whose echo costs nothing.
    await subscribe(fixture.to, "/webhooks/training-orchestra")
    const echoes = fixture.docebo.state.webhooks.list().length
    await simAct(fixture.to, {
      action: "update_session",
      id: "ses_ldr201_par_0302",
      changes: { name: "Management de proximité – Paris, 2 mars" },
    })
    await eventually(() =>
      copyOf("ses_ldr201_par_0302")?.name === "Management de proximité – Paris, 2 mars" ? true : undefined,
    )
    const afterWrite = fixture.calls.length
    await settled()
    expect(
      fixture.docebo.state.webhooks
        .list()
        .slice(echoes)
        .map((delivery) => delivery.event),
    ).toEqual(["ilt.session.updated"])
    expect(doceboCallsSince(afterWrite)).toEqual([])
    expect(await webhookRuns()).toBe(runs + 1)
  })

  it("of a synced copy an admin edited in Docebo: a run of its course puts it back from TO", async () => {
    const copy = copyOf("ses_ldr101_lon_0309")
    if (copy === undefined) throw new Error("the London session has no Docebo copy")
    const runs = await webhookRuns()
    const before = fixture.calls.length
    await simAct(fixture.docebo, {
      action: "edit_session",
      session_id: copy.id,
      changes: { name: "Changed in Docebo", max_enroll: 99 },
    })
    await settled()
    const master = toSession("ses_ldr101_lon_0309")
    expect(copyOf("ses_ldr101_lon_0309")).toMatchObject({
      id: copy.id,
      name: master?.name,
      max_enroll: copy.max_enroll,
    })
    expect(await webhookRuns()).toBe(runs + 1)
    // The run read that course's sessions (and their events) and wrote the copy back: nothing else.
    const calls = doceboCallsSince(before)
    expect(calls.filter((call) => call.startsWith("docebo GET"))).toContain(
      `docebo GET /course/v1/courses/${copy.id_course}/sessions`,
    )
    expect(calls.filter((call) => !call.startsWith("docebo GET"))).toEqual([
      `docebo PUT /course/v1/sessions/${copy.id}`,
    ])
    expect(calls.some((call) => call.includes("/learn/v1/courses") || call.includes("/manage/"))).toBe(false)
  })

  it("of a session an admin made in Docebo: the run of its course happens; the plan and the Courses tab report the session", async () => {
    const runs = await webhookRuns()
    const before = fixture.calls.length
    const made = await simAct(fixture.docebo, {
      action: "create_session",
      course_id: 101,
      session: { name: "Pop-up in Berlin", events: [] },
    })
    await settled()
    expect(await webhookRuns()).toBe(runs + 1)
    expect(doceboCallsSince(before)).toContain("docebo GET /course/v1/courses/101/sessions")
    const plan = (await fixture.call("GET", "/plan")).json<{ warnings: Array<{ code: string; key: string }> }>()
    expect(plan.warnings).toContainEqual(
      expect.objectContaining({ code: "docebo_native_session", key: String(made.id) }),
    )
    expect(fixture.to.state.snapshot().sessions.some((session) => session.name === "Pop-up in Berlin")).toBe(false)
    const courses = (await fixture.call("GET", "/courses")).json<Array<{ id: string; warnings: string[] }>>()
    expect(courses.find((course) => course.id === "101")?.warnings).toContainEqual(
      expect.stringContaining("Pop-up in Berlin"),
    )
  })
})
