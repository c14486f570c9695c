/**
 * The doctor against both simulators in-process: the strict profile (the conservative reading of Docebo's evidence)
 * passes, a tenant without the session endpoints fails naming them, a sampled record that differs is named by its
 * path and the value found (never a secret), and the calls stay within the limit, as the adapters count them.
 */
import { Effect, Layer } from "effect"
import { describe, expect, it } from "vitest"
import { DoceboBudgetLive } from "../../adapters/docebo/Budget.ts"
import type { Row } from "../../adapters/doctor/Finding.ts"
import { CallAccounting, CallAccountingLive } from "../../adapters/http/Calls.ts"
import { type Fetch, fetchFromApp, type InProcessApp } from "../../adapters/http/Fetch.ts"
import { RequestLedgersInMemory } from "../../adapters/http/Window.ts"
import { ToBudgetLive } from "../../adapters/training-orchestra/Budget.ts"
import { DOCEBO_TEST_CREDENTIALS, type DoceboProfile, makeDoceboSimulator } from "../../simulators/docebo/index.ts"
import { makeToSimulator, TO_TEST_CREDENTIALS } from "../../simulators/training-orchestra/index.ts"
import { simulatorSeedsFor } from "../../tenants/Registry.ts"
import { environmentConnections } from "../Config.ts"
import { simulatorControl, simulatorEnv } from "../Simulators.ts"
import { type DoctorOptions, type DoctorReport, doctorCallLimit, runDoctor } from "./Doctor.ts"
import { renderReport } from "./Render.ts"

const seeds = simulatorSeedsFor("acme")
if (seeds === undefined) throw new Error("the acme tenant is missing")

const secrets = [
  DOCEBO_TEST_CREDENTIALS.clientSecret,
  DOCEBO_TEST_CREDENTIALS.password,
  TO_TEST_CREDENTIALS.clientSecret,
]

/** A tenant answering as the simulator does, but with `change` applied to the JSON of the answers it matches. */
const rewriting =
  (app: InProcessApp, matches: RegExp, change: (body: Record<string, unknown>) => void): Fetch =>
  async (input, init) => {
    const response = await fetchFromApp(app)(input, init)
    if (!matches.test(new URL(input).pathname) || response.status !== 200) return response
    const body = (await response.json()) as Record<string, unknown>
    change(body)
    return new Response(JSON.stringify(body), { status: 200, headers: { "content-type": "application/json" } })
  }

const itemsOf = (body: Record<string, unknown>) => (body.data as { items: Array<Record<string, unknown>> }).items

const world = (profile: DoceboProfile = "strict") => {
  const docebo = makeDoceboSimulator({ seed: seeds.docebo, profile })
  const to = makeToSimulator({ seed: seeds.to })
  return { docebo, to }
}
type World = ReturnType<typeof world>

/** One doctor run; the process's call accounting (what `/metrics` reports) is read back beside the report. */
const doctor = async (
  { docebo, to }: World,
  options: Partial<DoctorOptions> = {},
): Promise<{ report: DoctorReport; counted: number }> => {
  const env = simulatorEnv({ docebo: "https://acme.docebosaas.com", to: "https://acme.trainingorchestra.example" })
  const layer = Layer.mergeAll(DoceboBudgetLive(), ToBudgetLive(), CallAccountingLive).pipe(
    Layer.provide(RequestLedgersInMemory),
  )
  const program = Effect.gen(function* () {
    const report = yield* runDoctor({
      connections: environmentConnections(env),
      fetch: { docebo: fetchFromApp(docebo.app), to: fetchFromApp(to.app) },
      publicUrl: null,
      ...options,
    })
    const counted = yield* Effect.flatMap(CallAccounting, (calls) => calls.total())
    return { report, counted }
  })
  return Effect.runPromise(program.pipe(Effect.provide(layer)))
}

const row = (report: DoctorReport, id: string): Row => {
  const found = report.capabilities.find((each) => each.id === id)
  if (found === undefined) throw new Error(`no row ${id}`)
  return found
}

const sentCalls = ({ docebo, to }: World) => docebo.state.calls.summary().total + to.state.calls.summary().total

describe("iltsync doctor", () => {
  it("passes against the strict profile, in at most 30 calls counted by the adapters and the simulators alike", async () => {
    const tenants = world("strict")
    const { report, counted } = await doctor(tenants)
    expect(report.ok).toBe(true)
    for (const each of report.capabilities.filter((capability) => capability.required)) {
      expect([each.id, each.status]).toEqual([each.id, "ok"])
    }
    expect(row(report, "docebo.webinar-accounts")).toMatchObject({
      status: "missing",
      willDo: expect.stringContaining("accounts come from the seed's CSV"),
      blocking: false,
    })
    expect(row(report, "docebo.domain")).toMatchObject({
      status: "missing",
      willDo: "acme.docebosaas.com is the main domain as the operator confirmed (ILTSYNC_DOCEBO_MAIN_DOMAIN)",
      blocking: false,
    })
    expect(row(report, "docebo.stamps")).toMatchObject({ status: "ok", detail: expect.stringContaining("code") })
    expect(row(report, "docebo.instructor-mark")).toMatchObject({
      status: "ok",
      detail: expect.stringContaining("none"),
    })
    expect(row(report, "iltsync.webhooks")).toMatchObject({ status: "unchecked", detail: "not configured" })
    expect(report.calls.total).toBeLessThanOrEqual(doctorCallLimit)
    expect(report.calls.total).toBe(report.calls.docebo + report.calls.to)
    expect(counted).toBe(report.calls.total)
    expect(sentCalls(tenants)).toBe(report.calls.total)
    // Reading only: nothing but the token calls is anything but a GET.
    const writes = [tenants.docebo, tenants.to].flatMap((sim) =>
      sim.state.calls.summary().log.filter((call) => call.method !== "GET" && !call.path.includes("token")),
    )
    expect(writes).toEqual([])
  })

  it("the default profile has the optional endpoints too: every capability works", async () => {
    const { report } = await doctor(world("default"))
    expect(report.capabilities.filter((each) => each.status !== "ok").map((each) => each.id)).toEqual([
      "iltsync.webhooks",
    ])
  })

  it("fails, naming them, when the session endpoints are switched off", async () => {
    const tenants = world("strict")
    await simulatorControl(tenants.docebo.app, "/__sim/config", { endpoints: { sessions: false } })
    const { report } = await doctor(tenants)
    expect(report.ok).toBe(false)
    expect(row(report, "docebo.sessions")).toMatchObject({
      status: "missing",
      endpoint: "GET /course/v1/courses/{id}/sessions",
      detail: "answered 404",
      blocking: true,
    })
    for (const id of ["docebo.events", "docebo.stamps"]) {
      expect(row(report, id)).toMatchObject({ status: "unchecked", notTriedFor: "docebo.sessions" })
    }
    const text = renderReport(report)
    expect(text).toContain("Not working: sessions of a course (GET /course/v1/courses/{id}/sessions: missing)")
    expect(text).toContain("Not tried until then: events of a session (schedule), stamps")
  })

  it("an event without its schedule differs, with the paths and what was found there", async () => {
    const tenants = world("strict")
    const unscheduled = rewriting(tenants.docebo.app, /\/events$/, (body) => {
      for (const event of itemsOf(body)) delete event.schedule
    })
    const { report } = await doctor(tenants, { fetch: { docebo: unscheduled, to: fetchFromApp(tenants.to.app) } })
    expect(report.ok).toBe(false)
    const events = row(report, "docebo.events")
    expect(events).toMatchObject({ status: "differs", blocking: true })
    expect(events.detail).toMatch(/^2 of 2 events of session \d+ differ$/)
    expect(events.differences).toContainEqual({ path: "schedule.date", found: "missing", records: 2 })
    expect(events.differences.map((difference) => difference.path)).toEqual(
      expect.arrayContaining(["schedule.time_begin", "schedule.timezone"]),
    )
    expect(renderReport(report)).toContain("    ↳ schedule.date: missing (2 records)")
  })

  it("a value found is shown scrubbed of every secret", async () => {
    const tenants = world("strict")
    const leaking = rewriting(tenants.docebo.app, /\/events$/, (body) => {
      for (const event of itemsOf(body)) {
        ;(event.schedule as Record<string, unknown>).date = `key ${DOCEBO_TEST_CREDENTIALS.clientSecret}`
      }
    })
    const { report } = await doctor(tenants, { fetch: { docebo: leaking, to: fetchFromApp(tenants.to.app) } })
    expect(row(report, "docebo.events").differences).toContainEqual({
      path: "schedule.date",
      found: '"key [redacted]"',
      records: 2,
    })
    const shown = `${JSON.stringify(report)}\n${renderReport(report)}`
    expect(secrets.filter((secret) => shown.includes(secret))).toEqual([])
  })

  it("a Training Orchestra listing that differs is named by its field", async () => {
    const tenants = world("strict")
    const untitled = rewriting(tenants.to.app, /\/courses$/, (body) => {
      for (const course of body.data as Array<Record<string, unknown>>) delete course.title
    })
    const { report } = await doctor(tenants, { fetch: { docebo: fetchFromApp(tenants.docebo.app), to: untitled } })
    expect(row(report, "to.courses")).toMatchObject({
      status: "differs",
      differences: [{ path: "data[].title", found: "missing", records: 20 }],
      blocking: true,
    })
  })

  it("an extended-enterprise sub-domain makes iltsync refuse, though the endpoint is optional", async () => {
    const tenants = world("default")
    await simulatorControl(tenants.docebo.app, "/__sim/config", {
      domain: "emea.acme.docebosaas.com",
      isMainDomain: false,
    })
    const { report } = await doctor(tenants)
    expect(report.ok).toBe(false)
    expect(row(report, "docebo.domain")).toMatchObject({
      required: false,
      status: "differs",
      blocking: true,
      willDo: expect.stringContaining("emea.acme.docebosaas.com is an extended-enterprise sub-domain"),
    })
  })

  it("without the domain endpoint and no operator confirmation, iltsync refuses and says what to set", async () => {
    const tenants = world("strict")
    const { report } = await doctor(tenants, {
      connections: environmentConnections(
        simulatorEnv(
          { docebo: "https://acme.docebosaas.com", to: "https://acme.trainingorchestra.example" },
          { ILTSYNC_DOCEBO_MAIN_DOMAIN: "" },
        ),
      ),
    })
    expect(report.ok).toBe(false)
    expect(row(report, "docebo.domain")).toMatchObject({
      status: "missing",
      blocking: true,
      willDo: expect.stringContaining("set ILTSYNC_DOCEBO_MAIN_DOMAIN=acme.docebosaas.com"),
    })
  })

  it("a tenant set to mark instructors with a user flag it does not have is told so", async () => {
    const tenants = world("strict")
    const { report } = await doctor(tenants, {
      connections: environmentConnections(
        simulatorEnv(
          { docebo: "https://acme.docebosaas.com", to: "https://acme.trainingorchestra.example" },
          { ILTSYNC_DOCEBO_INSTRUCTOR_MARK: "user-flag" },
        ),
      ),
    })
    expect(report.ok).toBe(false)
    expect(row(report, "docebo.instructor-mark")).toMatchObject({
      status: "differs",
      blocking: true,
      differences: [expect.objectContaining({ path: "is_instructor" })],
    })
  })

  it("a refused token stops that system's probes; the other system is still checked", async () => {
    const tenants = world("strict")
    const { report } = await doctor(tenants, {
      connections: environmentConnections(
        simulatorEnv(
          { docebo: "https://acme.docebosaas.com", to: "https://acme.trainingorchestra.example" },
          { DOCEBO_PASSWORD: "not-the-password" },
        ),
      ),
    })
    expect(report.ok).toBe(false)
    expect(row(report, "docebo.token")).toMatchObject({ status: "failed", blocking: true })
    expect(row(report, "docebo.courses")).toMatchObject({ status: "unchecked", notTriedFor: "docebo.token" })
    expect(row(report, "to.courses").status).toBe("ok")
    expect(JSON.stringify(report)).not.toContain("not-the-password")
  })

  it("never goes over its limit, whatever the tenants answer", async () => {
    const tenants = world("strict")
    await simulatorControl(tenants.docebo.app, "/__sim/faults", { error503Rate: 0.5, seed: 7 })
    const faulty = await doctor(tenants)
    expect(faulty.report.calls.total).toBeLessThanOrEqual(doctorCallLimit)
    expect(sentCalls(tenants)).toBe(faulty.report.calls.total)

    const short = world("strict")
    const { report } = await doctor(short, { callLimit: 12 })
    expect(report.calls.total).toBeLessThanOrEqual(12)
    expect(sentCalls(short)).toBe(report.calls.total)
    const spent = report.capabilities.filter((each) => each.detail === "not tried: the doctor's 12 calls are spent")
    expect(spent.length).toBeGreaterThan(0)
    // Not seen to work is not working: the run does not pass on what it could not check.
    expect(spent.filter((each) => each.required).every((each) => each.status === "failed" && each.blocking)).toBe(true)
    expect(report.ok).toBe(false)
  })

  it("checks the public URL's /healthz when one is configured, showing it without its query", async () => {
    const tenants = world("strict")
    const asked: string[] = []
    const service: Fetch = async (input) => {
      asked.push(input)
      return new Response(JSON.stringify({ ok: true }), { status: 200 })
    }
    const { report } = await doctor(tenants, {
      publicUrl: "https://iltsync.example.com/?token=whsec-hidden",
      publicFetch: service,
    })
    expect(asked).toEqual(["https://iltsync.example.com/healthz"])
    expect(row(report, "iltsync.webhooks")).toMatchObject({
      status: "ok",
      willDo: expect.stringContaining("https://iltsync.example.com/webhooks/docebo"),
    })
    expect(JSON.stringify(report)).not.toContain("whsec-hidden")

    const down: Fetch = async () => {
      throw new TypeError("fetch failed")
    }
    const unreachable = await doctor(world("strict"), { publicUrl: "https://iltsync.example.com", publicFetch: down })
    expect(row(unreachable.report, "iltsync.webhooks")).toMatchObject({ status: "failed", blocking: false })
    expect(unreachable.report.ok).toBe(true)
  })
})
