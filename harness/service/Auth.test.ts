import { mkdtemp, rm } from "node:fs/promises"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { operatorOf } from "./Auth.ts"
import { makeService } from "./Service.ts"
import { parseApiTokens, ServiceRefused } from "./Settings.ts"
import { bobToken, type Fixture, leakedSecrets, startFixture, testEnv } from "./TestSupport.ts"

/** Every operator route of INTERFACE.md, with a body where it takes one. */
const operatorRoutes: ReadonlyArray<readonly [string, string]> = [
  ["POST", "/sync"],
  ["GET", "/jobs/job_1"],
  ["GET", "/plan"],
  ["GET", "/courses"],
  ["GET", "/training-providers"],
  ["POST", "/training-providers"],
  ["PATCH", "/training-providers/prv_academy"],
  ["GET", "/trainers"],
  ["POST", "/trainers"],
  ["PATCH", "/trainers/1001"],
  ["DELETE", "/trainers/1001"],
  ["POST", "/trainers/remove"],
  ["POST", "/trainers/assign-training-provider"],
  ["GET", "/credentials"],
  ["PUT", "/credentials"],
  ["GET", "/event-logs"],
  ["GET", "/webinar-accounts.csv"],
  ["GET", "/access"],
  ["GET", "/metrics"],
]

let fixture: Fixture
beforeAll(async () => {
  fixture = await startFixture()
})
afterAll(async () => {
  expect(leakedSecrets(fixture)).toEqual([])
  await fixture.close()
})

describe("operator tokens", () => {
  const alice = "alice-5b8e0c3a9f2d"
  const bob = "bob-71d4e2f9c0a8b"

  it("are one token, or name:token pairs separated by commas; a lone token acts as operator", () => {
    expect(parseApiTokens("s3cret-0123456789")).toEqual([{ name: "operator", token: "s3cret-0123456789" }])
    expect(parseApiTokens(` alice:${alice} , bob.ops@acme:${bob} ,, `)).toEqual([
      { name: "alice", token: alice },
      { name: "bob.ops@acme", token: bob },
    ])
    expect(parseApiTokens(undefined)).toEqual([])
  })

  it("are refused at start-up when ambiguous or short, naming the entry and never what it holds", () => {
    const cases: ReadonlyArray<readonly [string, string]> = [
      ["My:Secret:Token", "ILTSYNC_API_TOKEN's entry 1 has more than one colon"],
      [`alice:${alice},My:Secret:Token:0123456789`, "ILTSYNC_API_TOKEN's entry 2 has more than one colon"],
      ["x", "ILTSYNC_API_TOKEN's entry 1 has a token shorter than 16 characters"],
      ["alice:0123456789abcde", "ILTSYNC_API_TOKEN's entry 1 has a token shorter than 16 characters"],
      ["alice:", "ILTSYNC_API_TOKEN's entry 1 has a token shorter than 16 characters"],
      [`:${alice}`, "ILTSYNC_API_TOKEN's entry 1 has an empty name"],
      [`Jean Dupont:${alice}`, "ILTSYNC_API_TOKEN's entry 1 has a name with other characters than"],
      [`alice:${alice},bob:${alice}`, "ILTSYNC_API_TOKEN's entries 1 and 2 have the same token"],
    ]
    for (const [value, reason] of cases) {
      let refusal: unknown
      try {
        parseApiTokens(value)
      } catch (error) {
        refusal = error
      }
      expect(refusal, value).toBeInstanceOf(ServiceRefused)
      const { reason: said, hint } = refusal as ServiceRefused
      expect(said).toContain(reason)
      expect(hint).toContain("at least 16 characters")
      for (const part of value.split(/[,:]/).filter((part) => part.length > 2))
        expect(`${said} ${hint}`, value).not.toContain(part.trim())
    }
  })

  it("name whoever presents one of them, and nobody else", () => {
    const tokens = parseApiTokens(`alice:${alice},bob:${bob}`)
    expect(operatorOf(tokens, bob)).toBe("bob")
    expect(operatorOf(tokens, alice)).toBe("alice")
    expect(operatorOf(tokens, "a")).toBeNull()
    expect(operatorOf(tokens, "")).toBeNull()
  })
})

describe("the service's doors", () => {
  it("leaves /healthz open", async () => {
    const answer = await fixture.call("GET", "/healthz", { token: null })
    expect(answer.status).toBe(200)
    expect(answer.json()).toEqual({ ok: true })
  })

  it("answers 401 problem+json to every operator route without a token or with a wrong one", async () => {
    for (const [method, path] of operatorRoutes) {
      for (const token of [null, "not-a-token"]) {
        const answer = await fixture.call(method, path, { token, body: method === "GET" ? undefined : {} })
        expect({ method, path, token, status: answer.status }).toEqual({ method, path, token, status: 401 })
        expect(answer.headers.get("content-type")).toBe("application/problem+json")
        expect(answer.json()).toMatchObject({ status: 401, title: "Unauthorized", instance: path })
      }
    }
    const basic = await fixture.call("GET", "/courses", { token: null, headers: { authorization: "Basic YTpi" } })
    expect(basic.status).toBe(401)
  })

  it("logs an operator's action under the token's name", async () => {
    const answer = await fixture.call("POST", "/sync", { token: bobToken, body: { dryRun: true } })
    expect(answer.status).toBe(202)
    const log = await fixture.call("GET", "/event-logs?action=sync.start")
    const [event] = log.json<{ items: Array<{ user: string; ip: string | null; details: unknown }> }>().items
    expect(event).toMatchObject({ user: "bob", ip: null, details: { dryRun: true, courses: null } })
  })

  it("answers 404 to unknown routes and 405 with Allow to a known path under another method", async () => {
    const unknown = await fixture.call("GET", "/nowhere")
    expect(unknown.status).toBe(404)
    expect(unknown.json()).toMatchObject({ status: 404, title: "Not Found" })
    const deletion = await fixture.call("DELETE", "/training-providers/prv_academy")
    expect(deletion.status).toBe(405)
    expect(deletion.headers.get("allow")).toBe("PATCH")
    expect(deletion.json()).toMatchObject({
      status: 405,
      detail: "DELETE is not allowed on /training-providers/prv_academy",
    })
    const put = await fixture.call("PUT", "/courses")
    expect(put.status).toBe(405)
    expect(put.headers.get("allow")).toBe("GET, HEAD")
  })

  it("refuses a body over 1 MiB with 413, before reading it as JSON", async () => {
    const big = JSON.stringify({ name: "x".repeat(1024 * 1024) })
    const answer = await fixture.call("POST", "/training-providers", { body: big })
    expect(answer.status).toBe(413)
    expect(answer.json()).toMatchObject({ status: 413, detail: "the request body is larger than 1 MiB" })
    const webhook = await fixture.call("POST", "/webhooks/docebo", { token: null, body: big })
    expect(webhook.status).toBe(413)
  })

  it("refuses bodies that are not JSON, naming the body", async () => {
    const answer = await fixture.call("POST", "/sync", { body: "{not json" })
    expect(answer.status).toBe(400)
    expect(answer.json()).toMatchObject({ detail: "body: is not valid JSON", errors: [{ field: "body" }] })
  })
})

describe("starting the service", () => {
  const withFolder = async (check: (path: string) => Promise<void>) => {
    const folder = await mkdtemp(join(tmpdir(), "iltsync-start-"))
    try {
      await check(join(folder, "iltsync.db"))
    } finally {
      await rm(folder, { recursive: true, force: true })
    }
  }

  it("is refused without ILTSYNC_API_TOKEN unless insecure-dev, which leaves the operator API open", async () => {
    await withFolder(async (databasePath) => {
      const env = { ...testEnv(), ILTSYNC_API_TOKEN: "" }
      await expect(makeService({ databasePath, env, reconcileInterval: null })).rejects.toBeInstanceOf(ServiceRefused)
      const open = await makeService({ databasePath, env, reconcileInterval: null, insecureDev: true })
      try {
        const answer = await open.app.request("/courses")
        expect(answer.status).toBe(200)
      } finally {
        await open.shutdown()
      }
    })
  })

  it("is refused with a short or ambiguous ILTSYNC_API_TOKEN, even with insecure-dev", async () => {
    await withFolder(async (databasePath) => {
      for (const token of ["My:Secret:Token", "x"]) {
        const env = { ...testEnv(), ILTSYNC_API_TOKEN: token }
        for (const insecureDev of [false, true]) {
          await expect(makeService({ databasePath, env, reconcileInterval: null, insecureDev })).rejects.toBeInstanceOf(
            ServiceRefused,
          )
        }
      }
    })
  })

  it("takes the caller's address from x-forwarded-for only when told to trust the proxy, for every entry", async () => {
    const trusting = await startFixture({ trustProxy: true })
    try {
      const headers = { "x-forwarded-for": "203.0.113.7, 10.0.0.1" }
      const created = await trusting.call("POST", "/training-providers", {
        token: bobToken,
        headers,
        body: { name: "Proxy Academy" },
      })
      expect(created.status).toBe(201)
      const log = (await trusting.call("GET", "/event-logs?limit=500")).json<{
        items: Array<{ user: string; ip: string | null; action: string }>
      }>()
      const operator = log.items.find((item) => item.action === "training-provider.create")
      const sync = log.items.find((item) => item.action === "sync.trainingProvider.create")
      expect(operator).toMatchObject({ user: "bob", ip: "203.0.113.7" })
      expect(sync).toMatchObject({ user: "bob", ip: "203.0.113.7" })
      expect(leakedSecrets(trusting)).toEqual([])
    } finally {
      await trusting.close()
    }
  })
})
