import { describe, expect, it } from "vitest"
import { type DoceboErrorBody, doceboTestbed } from "./TestSupport.ts"

describe("Docebo rate limit (1,000 calls per hour per client, leaky bucket)", () => {
  it("is off by default", async () => {
    const { api } = doceboTestbed()
    const statuses = new Set<number>()
    for (let call = 0; call < 1100; call++) statuses.add((await api.get("/manage/v1/domain")).status)
    expect([...statuses]).toEqual([200])
  })

  it("refuses the 1,001st call of the hour with 429 and a Retry-After long enough to succeed then", async () => {
    const { api, clock } = doceboTestbed({ rateLimit: { perHour: 1000 } })
    // The token call is the first of the 1,000.
    for (let call = 0; call < 999; call++) expect((await api.get("/manage/v1/domain")).status).toBe(200)
    const refused = await api.get<DoceboErrorBody>("/manage/v1/domain")
    expect(refused.status).toBe(429)
    expect(refused.body).toMatchObject({ name: "Too Many Requests", status: 429 })
    const retryAfter = Number(refused.headers.get("retry-after"))
    expect(retryAfter).toBe(4)
    clock.advance(retryAfter * 1000 - 1000)
    expect((await api.get("/manage/v1/domain")).status).toBe(429)
    clock.advance(1000)
    expect((await api.get("/manage/v1/domain")).status).toBe(200)
  })

  it("counts token calls, keeps clients apart and lets a whole hour drain the bucket", async () => {
    const { send, clock, api, fetchToken } = doceboTestbed({ rateLimit: { perHour: 3 } })
    const strangerToken = () =>
      send("/oauth2/token", {
        method: "POST",
        body: new URLSearchParams({ grant_type: "client_credentials", client_id: "stranger", client_secret: "x" }),
      })
    expect((await strangerToken()).status).toBe(401)
    await fetchToken()
    expect((await api.get("/manage/v1/domain")).status).toBe(200)
    expect((await api.get("/manage/v1/domain")).status).toBe(200)
    expect((await api.get("/manage/v1/domain")).status).toBe(429)
    expect((await strangerToken()).status).toBe(401)
    clock.advance(3_600_000)
    await fetchToken()
    expect((await api.get("/manage/v1/domain")).status).toBe(200)
    expect((await api.get("/manage/v1/domain")).status).toBe(200)
    expect((await api.get("/manage/v1/domain")).status).toBe(429)
  })

  it("can be set and lifted through /__sim/config, which is itself never limited", async () => {
    const { api, control } = doceboTestbed()
    await control("POST", "config", { rateLimitPerHour: 2 })
    await api.get("/manage/v1/domain")
    expect((await api.get("/manage/v1/domain")).status).toBe(429)
    for (let call = 0; call < 5; call++) expect((await control("GET", "config")).status).toBe(200)
    await control("POST", "config", { rateLimitPerHour: null })
    expect((await api.get("/manage/v1/domain")).status).toBe(200)
  })
})
