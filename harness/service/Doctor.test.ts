/** `GET /doctor` through the service: operator-authenticated, the same report as `iltsync doctor`, read only. */
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import type { Row } from "../../adapters/doctor/Finding.ts"
import type { DoctorReport } from "../doctor/Doctor.ts"
import { simulatorControl } from "../Simulators.ts"
import { type Fixture, leakedSecrets, startFixture } from "./TestSupport.ts"

let fixture: Fixture
beforeAll(async () => {
  fixture = await startFixture()
})
afterAll(async () => {
  expect(leakedSecrets(fixture)).toEqual([])
  await fixture.close()
})

const statusOf = (report: DoctorReport, id: string) => report.capabilities.find((row: Row) => row.id === id)?.status

describe("GET /doctor", () => {
  it("needs the operator's token", async () => {
    expect((await fixture.call("GET", "/doctor", { token: null })).status).toBe(401)
  })

  it("reports every capability working, reading only, in at most 30 calls", async () => {
    const before = fixture.calls.length
    const answer = await fixture.call("GET", "/doctor")
    expect(answer.status).toBe(200)
    const report = answer.json<DoctorReport>()
    expect(report.ok).toBe(true)
    expect(report.calls.total).toBeLessThanOrEqual(30)
    const sent = fixture.calls.slice(before)
    expect(sent).toHaveLength(report.calls.total)
    expect(sent.filter((call) => !call.includes(" GET ") && !call.includes("token"))).toEqual([])
    expect(statusOf(report, "docebo.sessions")).toBe("ok")
    expect(statusOf(report, "iltsync.webhooks")).toBe("unchecked")
    const logs = (await fixture.call("GET", "/event-logs?action=doctor.run")).json<{
      items: Array<{ user: string; details: { ok: boolean; calls: number } }>
    }>()
    expect(logs.items[0]).toMatchObject({ user: "alice", details: { ok: true, calls: report.calls.total } })
  })

  it("says ok: false, naming the session endpoints, when the tenant has none", async () => {
    await simulatorControl(fixture.docebo.app, "/__sim/config", { endpoints: { sessions: false } })
    try {
      const answer = await fixture.call("GET", "/doctor")
      expect(answer.status).toBe(200)
      const report = answer.json<DoctorReport>()
      expect(report.ok).toBe(false)
      expect(report.capabilities.filter((row) => row.blocking).map((row) => row.endpoint)).toEqual([
        "GET /course/v1/courses/{id}/sessions",
      ])
    } finally {
      await simulatorControl(fixture.docebo.app, "/__sim/config", { endpoints: { sessions: true } })
    }
  })
})
