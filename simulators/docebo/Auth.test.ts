import { describe, expect, it } from "vitest"
import { DOCEBO_TEST_CREDENTIALS as credentials, DOCEBO_TOKEN_TTL_SECONDS } from "./Config.ts"
import { type DoceboErrorBody, doceboTestbed } from "./TestSupport.ts"

interface TokenAnswer {
  access_token: string
  expires_in: number
  token_type: string
  scope: string
  refresh_token: string
}

const passwordGrant = {
  grant_type: "password",
  client_id: credentials.clientId,
  client_secret: credentials.clientSecret,
  username: credentials.username,
  password: credentials.password,
  scope: "api",
}

describe("POST /oauth2/token", () => {
  it("grants a password token from a form-urlencoded body", async () => {
    const { send } = doceboTestbed()
    const answer = await send<TokenAnswer>("/oauth2/token", {
      method: "POST",
      body: new URLSearchParams(passwordGrant),
    })
    expect(answer.status).toBe(200)
    expect(answer.body).toMatchObject({ expires_in: 3600, token_type: "Bearer", scope: "api" })
    expect(answer.body.access_token).toMatch(/^[0-9a-f]{48}$/)
    expect(answer.body.refresh_token).toBeTruthy()
  })

  it("accepts JSON and multipart bodies", async () => {
    const { send } = doceboTestbed()
    const json = await send<TokenAnswer>("/oauth2/token", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ ...passwordGrant, grant_type: "client_credentials" }),
    })
    const form = new FormData()
    for (const [key, value] of Object.entries(passwordGrant)) form.append(key, value)
    const multipart = await send<TokenAnswer>("/oauth2/token", { method: "POST", body: form })
    expect([json.status, multipart.status]).toEqual([200, 200])
    expect(json.body.access_token).not.toBe(multipart.body.access_token)
  })

  it("refuses a wrong client secret with 401 and a wrong password with 400, in Docebo's error format", async () => {
    const { send } = doceboTestbed()
    const wrongSecret = await send<DoceboErrorBody>("/oauth2/token", {
      method: "POST",
      body: new URLSearchParams({ ...passwordGrant, client_secret: "nope" }),
    })
    const wrongPassword = await send<DoceboErrorBody>("/oauth2/token", {
      method: "POST",
      body: new URLSearchParams({ ...passwordGrant, password: "nope" }),
    })
    const wrongGrant = await send<DoceboErrorBody>("/oauth2/token", {
      method: "POST",
      body: new URLSearchParams({ ...passwordGrant, grant_type: "implicit" }),
    })
    expect(wrongSecret.body).toEqual({ name: "Unauthorized", message: expect.any(String), code: 0, status: 401 })
    expect(wrongPassword.status).toBe(400)
    expect(wrongPassword.body.message).toContain("invalid_grant")
    expect(wrongGrant.body.message).toContain("unsupported_grant_type")
  })

  it("exchanges a refresh token once", async () => {
    const { send } = doceboTestbed()
    const first = await send<TokenAnswer>("/oauth2/token", { method: "POST", body: new URLSearchParams(passwordGrant) })
    const refresh = {
      grant_type: "refresh_token",
      client_id: credentials.clientId,
      client_secret: credentials.clientSecret,
      refresh_token: first.body.refresh_token,
    }
    const second = await send<TokenAnswer>("/oauth2/token", { method: "POST", body: new URLSearchParams(refresh) })
    const reused = await send<DoceboErrorBody>("/oauth2/token", { method: "POST", body: new URLSearchParams(refresh) })
    expect(second.status).toBe(200)
    expect(reused.status).toBe(400)
  })
})

describe("bearer tokens", () => {
  it("open the API until expires_in has passed on the injected clock, then get 401", async () => {
    const { api, clock } = doceboTestbed()
    expect((await api.get("/learn/v1/courses")).status).toBe(200)
    clock.advance(DOCEBO_TOKEN_TTL_SECONDS * 1000 - 1)
    expect((await api.get("/learn/v1/courses")).status).toBe(200)
    clock.advance(1)
    const expired = await api.get<DoceboErrorBody>("/learn/v1/courses")
    expect(expired.status).toBe(401)
    expect(expired.body).toMatchObject({ name: "Unauthorized", status: 401, code: 0 })
  })

  it("are required: no token or an unknown token gets 401", async () => {
    const { send } = doceboTestbed()
    const missing = await send<DoceboErrorBody>("/learn/v1/courses", {})
    const unknown = await send<DoceboErrorBody>("/learn/v1/courses", { headers: { authorization: "Bearer 1234" } })
    expect([missing.status, unknown.status]).toEqual([401, 401])
    expect(unknown.headers.get("content-type")).toBe("application/json; charset=UTF-8")
  })
})
