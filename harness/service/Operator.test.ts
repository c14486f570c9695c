import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { DOCEBO_TEST_CREDENTIALS } from "../../simulators/docebo/index.ts"
import { TO_TEST_CREDENTIALS } from "../../simulators/training-orchestra/index.ts"
import { subDomainRefusal } from "./Problem.ts"
import {
  bobToken,
  doceboUrl,
  type Fixture,
  finishedJob,
  fullSync,
  leakedSecrets,
  simAct,
  startFixture,
  toUrl,
} from "./TestSupport.ts"

let fixture: Fixture
beforeAll(async () => {
  // The credentials' domain check and the accounts download are shown here on a tenant that has Docebo's optional
  // endpoints; without them (the strict profile) see WebinarAccountsImport.test.ts and adapters/docebo/Optional.test.ts.
  fixture = await startFixture({}, undefined, "default")
})
afterAll(async () => {
  expect(leakedSecrets(fixture)).toEqual([])
  await fixture.close()
})

const doceboCredentials = {
  url: doceboUrl,
  clientId: DOCEBO_TEST_CREDENTIALS.clientId,
  clientSecret: DOCEBO_TEST_CREDENTIALS.clientSecret,
  username: DOCEBO_TEST_CREDENTIALS.username,
  password: DOCEBO_TEST_CREDENTIALS.password,
}
const toCredentials = {
  url: toUrl,
  clientId: TO_TEST_CREDENTIALS.clientId,
  clientSecret: TO_TEST_CREDENTIALS.clientSecret,
  platformUrl: "https://platform.example/acme",
}

const setSubDomain = (isMainDomain: boolean) =>
  fixture.docebo.app.request("/__sim/config", {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ isMainDomain }),
  })

describe("credentials", () => {
  it("show what is in effect (the environment until some are saved) with every secret masked", async () => {
    const answer = await fixture.call("GET", "/credentials")
    expect(answer.status).toBe(200)
    expect(answer.json()).toEqual({
      docebo: {
        url: doceboUrl,
        clientId: DOCEBO_TEST_CREDENTIALS.clientId,
        clientSecret: "••••cret",
        username: DOCEBO_TEST_CREDENTIALS.username,
        password: "••••word",
        source: "environment",
      },
      to: expect.objectContaining({ clientSecret: expect.stringMatching(/^••••/), source: "environment" }),
    })
  })

  it("are refused for an extended-enterprise sub-domain, and nothing is saved", async () => {
    await setSubDomain(false)
    try {
      const answer = await fixture.call("PUT", "/credentials", {
        body: { docebo: doceboCredentials, to: toCredentials },
      })
      expect(answer.status).toBe(422)
      expect(answer.json()).toMatchObject({ detail: subDomainRefusal, errors: [{ field: "docebo.url" }] })
      expect(subDomainRefusal).toBe("extended-enterprise sub-domains are not supported: configure the main domain")
      expect((await fixture.call("GET", "/credentials")).json()).toMatchObject({ docebo: { source: "environment" } })
      // The environment's credentials name the same platform: a sync is refused before it reads or writes anything.
      const toCourses = fixture.to.state.snapshot().courses.length
      const started = await fixture.call("POST", "/sync", { body: {} })
      const job = await finishedJob(fixture, started.json<{ jobId: string }>().jobId)
      expect(job).toMatchObject({ status: "failed", error: subDomainRefusal })
      expect(fixture.to.state.snapshot().courses).toHaveLength(toCourses)
      expect((await fixture.call("GET", "/plan")).status).toBe(422)
    } finally {
      await setSubDomain(true)
    }
  })

  it("are refused with 422 when a system does not take them", async () => {
    const wrong = { ...toCredentials, clientSecret: "not-the-secret" }
    const answer = await fixture.call("PUT", "/credentials", { body: { to: wrong } })
    expect(answer.status).toBe(422)
    expect(answer.json()).toMatchObject({ errors: [{ field: "to" }] })
    expect(answer.text).not.toContain("not-the-secret")
  })

  it("are checked, saved encrypted and win over the environment from then on", async () => {
    const answer = await fixture.call("PUT", "/credentials", { body: { docebo: doceboCredentials, to: toCredentials } })
    expect(answer.status).toBe(200)
    expect(answer.json()).toMatchObject({
      docebo: { source: "store", clientSecret: "••••cret" },
      to: { source: "store", platformUrl: "https://platform.example/acme" },
    })
    const access = await fixture.call("GET", "/access")
    expect(access.status).toBe(302)
    expect(access.headers.get("location")).toBe("https://platform.example/acme")
    const log = (await fixture.call("GET", "/event-logs?action=credentials.update")).json<{ items: unknown[] }>()
    expect(log.items).toEqual([expect.objectContaining({ user: "alice", details: { systems: ["docebo", "to"] } })])
  })

  it("refuse bad input naming the field", async () => {
    const cases: ReadonlyArray<readonly [unknown, string]> = [
      [{}, "body"],
      [{ docebo: { ...doceboCredentials, url: "acme.docebosaas.com" } }, "docebo.url"],
      [{ to: { ...toCredentials, clientSecret: "" } }, "to.clientSecret"],
      [{ docebo: { ...doceboCredentials, password: undefined } }, "docebo.password"],
      [{ docebo: doceboCredentials, extra: true }, "extra"],
    ]
    for (const [body, field] of cases) {
      const answer = await fixture.call("PUT", "/credentials", { body })
      expect({ field, status: answer.status }).toEqual({ field, status: 400 })
      expect(answer.json<{ errors: Array<{ field: string }> }>().errors[0]?.field).toBe(field)
    }
  })
})

describe("the event log", () => {
  it("is newest first by default, sortable by action, filtered by date and action, paged with a cursor", async () => {
    await fullSync(fixture)
    const first = (await fixture.call("GET", "/event-logs?limit=5")).json<{
      items: Array<{ id: string; at: string; action: string; user: string }>
      nextCursor: string | null
    }>()
    expect(first.items).toHaveLength(5)
    const times = first.items.map((item) => item.at)
    expect([...times].sort().reverse()).toEqual(times)
    expect(first.nextCursor).not.toBeNull()
    const second = (
      await fixture.call("GET", `/event-logs?limit=5&cursor=${encodeURIComponent(first.nextCursor ?? "")}`)
    ).json<typeof first>()
    expect((second.items[0]?.at ?? "") <= (times.at(-1) ?? "")).toBe(true)
    const firstIds = new Set(first.items.map((item) => item.id))
    expect(second.items.some((item) => firstIds.has(item.id))).toBe(false)

    const byAction = (await fixture.call("GET", "/event-logs?sort=action&order=asc&limit=500")).json<typeof first>()
    const actions = byAction.items.map((item) => item.action)
    expect([...actions].sort()).toEqual(actions)

    const future = (await fixture.call("GET", "/event-logs?from=2999-01-01")).json<typeof first>()
    expect(future.items).toEqual([])
    const syncs = (await fixture.call("GET", "/event-logs?action=sync.start")).json<typeof first>()
    expect(syncs.items.every((item) => item.action === "sync.start" && item.user === "alice")).toBe(true)
  })

  it("refuses a bad query naming the parameter", async () => {
    for (const [query, field] of [
      ["sort=size", "sort"],
      ["order=up", "order"],
      ["limit=0", "limit"],
      ["limit=ten", "limit"],
      ["from=yesterday", "from"],
      ["cursor=nonsense", "cursor"],
      ["colour=red", "colour"],
      ["action=sync.start%00", "action"],
      [`action=${"a".repeat(5_000)}`, "action"],
    ] as const) {
      const answer = await fixture.call("GET", `/event-logs?${query}`)
      expect({ query, status: answer.status }).toEqual({ query, status: 400 })
      expect(answer.json<{ errors: Array<{ field: string }> }>().errors[0]?.field).toBe(field)
    }
  })
})

describe("downloads and links", () => {
  it("lists the webinar accounts as CSV, Zoom version 3 marked unsupported", async () => {
    const answer = await fixture.call("GET", "/webinar-accounts.csv", { token: bobToken })
    expect(answer.status).toBe(200)
    expect(answer.headers.get("content-type")).toBe("text/csv; charset=utf-8")
    expect(answer.headers.get("content-disposition")).toContain("webinar-accounts.csv")
    const [header, ...rows] = answer.text.trimEnd().split("\r\n")
    expect(header).toBe("id,tool,name,email,supported")
    const accounts = fixture.docebo.state.snapshot().webinar_accounts
    expect(rows).toHaveLength(accounts.length)
    for (const row of rows) {
      const tool = row.split(",")[1]
      expect(row.endsWith(tool === "zoom_v3" ? ",false" : ",true")).toBe(true)
    }
    expect(rows.some((row) => row.split(",")[1] === "zoom_v3")).toBe(true)
  })

  it("neutralises cells a spreadsheet would run as a formula, as OWASP advises", async () => {
    await simAct(fixture.docebo, {
      action: "add_webinar_account",
      account: { tool: "webex", name: '=HYPERLINK("https://evil.example","Open")', email: "+1@evil.example" },
    })
    const answer = await fixture.call("GET", "/webinar-accounts.csv")
    const row = answer.text.split("\r\n").find((line) => line.includes("HYPERLINK"))
    expect(row).toMatch(/^\d+,webex,"'=HYPERLINK\(""https:\/\/evil\.example"",""Open""\)",'\+1@evil\.example,true$/)
  })

  it("sends the operator to the TO platform", async () => {
    const answer = await fixture.call("GET", "/access")
    expect(answer.status).toBe(302)
    expect(answer.headers.get("location")).toMatch(/^https:\/\//)
  })
})
