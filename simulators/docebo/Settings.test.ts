import { describe, expect, it } from "vitest"
import type { DoceboConfig } from "./Config.ts"
import { type DoceboErrorBody, doceboTestbed } from "./TestSupport.ts"

type One<T> = { data: T }

describe("Docebo simulator settings", () => {
  it("leaves Retry-After out of its 429s when told to, rate limit and injected faults alike", async () => {
    const { api, control } = doceboTestbed({ rateLimit: { perHour: 2 }, retryAfter: false })
    await api.get("/manage/v1/domain")
    const limited = await api.get<DoceboErrorBody>("/manage/v1/domain")
    expect(limited.status).toBe(429)
    expect(limited.headers.get("retry-after")).toBeNull()
    await control("POST", "config", { rateLimitPerHour: null })
    await control("POST", "faults", { error429Rate: 1 })
    const injected = await api.get("/manage/v1/domain")
    expect(injected.status).toBe(429)
    expect(injected.headers.get("retry-after")).toBeNull()
    await control("POST", "config", { retryAfter: true })
    expect((await api.get("/manage/v1/domain")).headers.get("retry-after")).toBe("1")
  })

  it("answers 404 on an optional endpoint switched off, and only on that one", async () => {
    const { api, control } = doceboTestbed()
    expect((await api.get("/webinar/v1/accounts")).status).toBe(200)
    const changed = await control<One<DoceboConfig>>("POST", "config", { endpoints: { webinarAccounts: false } })
    expect(changed.body.data.endpoints).toEqual({ webinarAccounts: false, domain: true, sessions: true })
    expect((await api.get("/webinar/v1/accounts")).status).toBe(404)
    expect((await api.get("/manage/v1/domain")).status).toBe(200)
    await control("POST", "config", { endpoints: { domain: false } })
    const domain = await api.get<DoceboErrorBody>("/manage/v1/domain")
    expect(domain.status).toBe(404)
    expect(domain.body).toMatchObject({ name: "Not Found", status: 404 })
  })

  it("switched off, the session endpoints answer 404: a course's sessions, a session and its events", async () => {
    const { api, control } = doceboTestbed({
      seed: {
        courses: [{ id_course: 1, name: "Onsite", code: "ON", course_type: "classroom" }],
        sessions: [{ id: 2, id_course: 1, name: "Paris" }],
      },
    })
    const paths = ["/course/v1/courses/1/sessions", "/course/v1/sessions/2", "/course/v1/sessions/2/events"]
    for (const path of paths) expect((await api.get(path)).status).toBe(200)
    await control("POST", "config", { endpoints: { sessions: false } })
    for (const path of paths) expect((await api.get(path)).status).toBe(404)
    expect((await api.get("/learn/v1/courses")).status).toBe(200)
  })

  it("takes the endpoints as a simulator option, and refuses settings it does not have", async () => {
    const { api, control } = doceboTestbed({ endpoints: { domain: false } })
    expect((await api.get("/manage/v1/domain")).status).toBe(404)
    const unknown = await control<DoceboErrorBody>("POST", "config", { endpoints: { courses: false } })
    expect(unknown.status).toBe(400)
    expect(unknown.body.message).toContain("endpoints.courses")
    const notFlag = await control<DoceboErrorBody>("POST", "config", { retryAfter: "no" })
    expect(notFlag.body.message).toContain("retryAfter")
  })

  it("the strict profile withholds the optional endpoints and Retry-After, and says webhooks come grouped", async () => {
    const { api, control, state, fetchToken } = doceboTestbed({ profile: "strict", rateLimit: { perHour: 2 } })
    expect((await api.get("/webinar/v1/accounts")).status).toBe(404)
    const limited = await api.get("/manage/v1/domain")
    expect(limited.status).toBe(429)
    expect(limited.headers.get("retry-after")).toBeNull()
    expect(state.profile.groupedWebhooks).toBe(true)
    // A test may still switch a setting back: the profile is where the tenant starts, and where a reset returns.
    await control("POST", "config", { endpoints: { domain: true }, rateLimitPerHour: null })
    expect((await api.get("/manage/v1/domain")).status).toBe(200)
    await control("POST", "reset")
    await control("POST", "config", { rateLimitPerHour: null })
    await fetchToken()
    expect((await api.get("/manage/v1/domain")).status).toBe(404)
  })

  it("the default profile has every endpoint, Retry-After and one event a delivery", () => {
    const { state } = doceboTestbed()
    expect(state.config).toMatchObject({
      retryAfter: true,
      endpoints: { webinarAccounts: true, domain: true, sessions: true },
    })
    expect(state.profile.groupedWebhooks).toBe(false)
  })
})
