import { Effect } from "effect"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { Store } from "../../adapters/store/Store.ts"
import { aliceToken, bobToken, type Fixture, leakedSecrets, secretsOf, startFixture } from "../service/TestSupport.ts"
import { sessionLifetimeMs } from "./Sessions.ts"
import { csrfOf, makeConsoleClient } from "./testing/Client.ts"

let now = Date.parse("2027-03-01T09:00:00Z")
let fixture: Fixture

beforeAll(async () => {
  fixture = await startFixture({ clock: { now: () => now } })
})
afterAll(async () => {
  await fixture?.close()
})

const tabs = [
  "/console/courses",
  "/console/training-providers",
  "/console/trainers",
  "/console/credentials",
  "/console/event-logs",
]

describe("the console's sign-in", () => {
  it("sends every page to sign-in first, and leaves the JSON API on its bearer tokens", async () => {
    const browser = makeConsoleClient(fixture.service)
    for (const path of ["/", ...tabs]) {
      const page = await browser.get(path)
      expect([302, 303]).toContain(page.status)
      const next = page.location ?? ""
      expect(next === "/console/courses" || next.startsWith("/console/sign-in?next=")).toBe(true)
    }
    expect((await fixture.call("GET", "/courses", { token: null })).status).toBe(401)
  })

  it("gives a session cookie that scripts cannot read, sent to this site only, for a working day", async () => {
    const browser = makeConsoleClient(fixture.service)
    const signedIn = await browser.signIn(aliceToken)
    expect(signedIn.status).toBe(303)
    expect(signedIn.location).toBe("/console/courses")
    const session = browser.setCookies.find((line) => line.startsWith("iltsync_session="))
    expect(session).toMatch(/HttpOnly/)
    expect(session).toMatch(/SameSite=Strict/)
    expect(session).toMatch(/Path=\//)
    expect(session).toMatch(new RegExp(`Max-Age=${sessionLifetimeMs / 1000}`))
    // Over plain HTTP the cookie cannot be Secure, or the browser would never send it back.
    expect(session).not.toMatch(/Secure/)
    expect(session).not.toContain(aliceToken)
    const courses = await browser.get("/console/courses")
    expect(courses.status).toBe(200)
    expect(courses.html).toContain("Signed in as alice")
  })

  it("marks the cookie Secure, with the __Host- prefix, behind TLS", async () => {
    const browser = makeConsoleClient(fixture.service, "https://iltsync.test")
    await browser.signIn(aliceToken)
    const session = browser.setCookies.find((line) => line.startsWith("__Host-iltsync_session="))
    expect(session).toMatch(/Secure/)
    expect((await browser.get("/console/courses")).status).toBe(200)
  })

  it("takes name:token, names the operator in the event log, and refuses a token under another's name", async () => {
    const browser = makeConsoleClient(fixture.service)
    expect((await browser.signIn(`bob:${aliceToken}`)).status).toBe(401)
    expect((await browser.signIn("not-a-token-at-all")).status).toBe(401)
    expect(browser.jar.has("iltsync_session")).toBe(false)
    const signedIn = await browser.signIn(`bob:${bobToken}`)
    expect(signedIn.status).toBe(303)
    const log = await browser.get("/console/event-logs")
    expect(log.html).toMatch(/<td>bob<\/td><td>console\.sign-in<\/td>/)
  })

  it("refuses a sign-in form that was not served to this browser", async () => {
    const browser = makeConsoleClient(fixture.service)
    const refused = await browser.request("POST", "/console/sign-in", { form: { token: aliceToken, _csrf: "forged" } })
    expect(refused.status).toBe(403)
    expect(browser.jar.has("iltsync_session")).toBe(false)
  })

  it("ends the session on sign-out, and after a working day", async () => {
    const browser = makeConsoleClient(fixture.service)
    await browser.signIn(aliceToken)
    const kept = [...browser.jar.entries()]
    const page = await browser.get("/console/courses")
    const out = await browser.post("/console/sign-out", page)
    expect(out.location).toBe("/console/sign-in?signed-out=1")
    // The old cookie, presented again, opens nothing.
    for (const [name, value] of kept) browser.jar.set(name, value)
    expect((await browser.get("/console/courses")).location).toMatch(/^\/console\/sign-in/)

    const later = makeConsoleClient(fixture.service)
    await later.signIn(aliceToken)
    now += sessionLifetimeMs + 1000
    expect((await later.get("/console/courses")).location).toMatch(/^\/console\/sign-in/)
  })
})

describe("the console's forms and pages", () => {
  it("refuses a form posted without the page's CSRF token, or from another origin", async () => {
    const browser = makeConsoleClient(fixture.service)
    await browser.signIn(aliceToken)
    const page = await browser.get("/console/training-providers/new")
    const forged = await browser.request("POST", "/console/training-providers/new", { form: { name: "Forged" } })
    expect(forged.status).toBe(403)
    const elsewhere = await browser.request("POST", "/console/training-providers/new", {
      form: { name: "Forged", _csrf: csrfOf(page.html) },
      headers: { origin: "https://attacker.example" },
    })
    expect(elsewhere.status).toBe(403)
    const providers = await browser.get("/console/training-providers")
    expect(providers.html).not.toContain("Forged")
  })

  it("sends strict security headers, and no inline script or style for the policy to forbid", async () => {
    const browser = makeConsoleClient(fixture.service)
    await browser.signIn(aliceToken)
    for (const path of [...tabs, "/console/trainers/new", "/console/training-providers/new", "/console/sign-in"]) {
      const page = await browser.get(path)
      expect(page.status, path).toBe(200)
      const policy = page.headers.get("content-security-policy") ?? ""
      expect(policy).toContain("default-src 'none'")
      expect(policy).toContain("script-src 'self'")
      expect(policy).not.toContain("unsafe-inline")
      expect(policy).toContain("frame-ancestors 'none'")
      expect(page.headers.get("x-content-type-options")).toBe("nosniff")
      expect(page.headers.get("x-frame-options")).toBe("DENY")
      expect(page.html, path).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/)
      expect(page.html, path).not.toMatch(/\son[a-z]+="/)
      expect(page.html, path).not.toMatch(/\sstyle="/)
    }
  })

  it("never puts a secret in a page, not even masked", async () => {
    const browser = makeConsoleClient(fixture.service)
    await browser.signIn(aliceToken)
    const pages = await Promise.all(tabs.map((path) => browser.get(path)))
    const credentials = pages[3]?.html ?? ""
    expect(credentials).toContain("Client Secret")
    expect(credentials).not.toContain("••••")
    const seen = pages.map((page) => page.html).join("\n")
    expect(secretsOf(fixture.env).filter((secret) => secret !== "" && seen.includes(secret))).toEqual([])
    expect(leakedSecrets(fixture)).toEqual([])
  })

  it("pages the Courses tab in the database, filtered by status and searched by code or name", async () => {
    const statuses = Array.from({ length: 10_000 }, (_, i) => ({
      courseId: String(900_000 + i),
      code: `BULK-${i}`,
      name: `Bulk workshop ${i}`,
      type: i % 3 === 0 ? ("vilt" as const) : ("ilt" as const),
      status: i % 100 === 7 ? ("error" as const) : ("synced" as const),
      error: i % 100 === 7 ? `course BULK-${i} has no code in Docebo: add one in Course Management` : null,
      warnings: [],
      lastSyncedAt: "2027-03-01T08:00:00.000Z",
    }))
    await fixture.service.runtime.runPromise(Effect.flatMap(Store, (store) => store.upsertCourseStatuses(statuses)))
    const browser = makeConsoleClient(fixture.service)
    await browser.signIn(aliceToken)
    const first = await browser.get("/console/courses")
    expect(first.html).toMatch(/Page 1 of \d+ · \d+ courses/)
    expect((first.html.match(/<tr>/g) ?? []).length).toBe(26)
    const found = await browser.get("/console/courses?q=bulk-9907")
    expect(found.html).toContain("BULK-9907")
    expect(found.html).toContain("course BULK-9907 has no code in Docebo: add one in Course Management")
    expect(found.html).toContain("Page 1 of 1 · 1 courses")
    const errors = await browser.get("/console/courses?status=error&q=bulk")
    expect(errors.html).toContain("Page 1 of 4 · 100 courses")
    const last = await browser.get("/console/courses?status=error&q=bulk&page=4")
    expect(last.html).toContain("BULK-9907")
    expect(last.html).not.toContain("Next page")
    // A search is text, not a pattern.
    expect((await browser.get("/console/courses?q=%25")).html).toContain("No course matches.")
  })
})
