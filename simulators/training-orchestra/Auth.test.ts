import { describe, expect, it } from "vitest"
import { TO_TEST_CREDENTIALS as credentials, TO_TOKEN_TTL_SECONDS } from "./Config.ts"
import { type Problem, toTestbed } from "./TestSupport.ts"

const grant = {
  grant_type: "client_credentials",
  client_id: credentials.clientId,
  client_secret: credentials.clientSecret,
}

describe("POST /oauth/token", () => {
  it("grants a token from a form or a JSON body", async () => {
    const { send } = toTestbed()
    const form = await send<{ access_token: string }>("/oauth/token", {
      method: "POST",
      body: new URLSearchParams(grant),
    })
    const json = await send<{ access_token: string }>("/oauth/token", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(grant),
    })
    expect(form.status).toBe(200)
    expect(form.body).toEqual({ access_token: expect.any(String), token_type: "Bearer", expires_in: 1800 })
    expect(json.body.access_token).not.toBe(form.body.access_token)
  })

  it("refuses wrong credentials with 401 and another grant with 400, as problem+json", async () => {
    const { send } = toTestbed()
    const wrong = await send<Problem>("/oauth/token", {
      method: "POST",
      body: new URLSearchParams({ ...grant, client_secret: "nope" }),
    })
    const password = await send<Problem>("/oauth/token", {
      method: "POST",
      body: new URLSearchParams({ ...grant, grant_type: "password" }),
    })
    expect(wrong.status).toBe(401)
    expect(wrong.headers.get("content-type")).toBe("application/problem+json")
    expect(wrong.body).toMatchObject({ type: "about:blank", title: "Unauthorized", status: 401 })
    expect(password.status).toBe(400)
    expect(password.body.errors).toEqual([{ field: "grant_type", message: expect.any(String) }])
  })
})

describe("bearer tokens", () => {
  it("open the API for expires_in seconds of the injected clock, then get 401", async () => {
    const { api, clock } = toTestbed()
    expect((await api.get("/courses")).status).toBe(200)
    clock.advance(TO_TOKEN_TTL_SECONDS * 1000 - 1)
    expect((await api.get("/courses")).status).toBe(200)
    clock.advance(1)
    const expired = await api.get<Problem>("/courses")
    expect(expired.status).toBe(401)
    expect(expired.body.detail).toContain("expired")
  })

  it("are required on every API route", async () => {
    const { send } = toTestbed()
    const none = await send<Problem>("/api/v1/sessions", {})
    const unknown = await send<Problem>("/api/v1/sessions", { headers: { authorization: "Bearer forged" } })
    expect([none.status, unknown.status]).toEqual([401, 401])
  })
})
