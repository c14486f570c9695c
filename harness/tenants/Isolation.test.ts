/**
 * Two tenants behind one service: each operator reaches their own tenant only, on every route of the API and in the
 * console; each system's webhooks count for their own tenant only; a disabled tenant is refused everywhere and
 * enabled again whole.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { suiteStoreDialects } from "../../adapters/store/testing/Fixtures.ts"
import { signBody } from "../../simulators/docebo/index.ts"
import { csrfOf, makeConsoleClient } from "../console/testing/Client.ts"
import { acmeMarkers, adminToken, aliceToken, startTwoTenants, syncOf, type TwoTenants } from "./testing/TwoTenants.ts"

for (const dialect of suiteStoreDialects()) {
  describe(`two tenants on ${dialect.name}`, () => {
    let tenants: TwoTenants
    beforeAll(async () => {
      tenants = await startTwoTenants(await dialect.open())
      await syncOf(tenants, aliceToken)
      await syncOf(tenants, tenants.globexToken)
    }, 120_000)
    afterAll(async () => {
      await tenants?.close()
    })
    isolationSuite(() => tenants)
  })
}

function isolationSuite(current: () => TwoTenants) {
  const leaks = (text: string) => acmeMarkers.filter((marker) => text.includes(marker))

  /** What the default tenant's operator sees of their own tenant: it must not change when globex's operator acts. */
  const acmeView = async () => {
    const paths = ["/courses", "/training-providers", "/trainers", "/event-logs?pageSize=200", "/jobs"]
    return Promise.all(paths.map(async (path) => (await current().call("GET", path, aliceToken)).text))
  }

  /** Every operator route of a tenant's service, read from its own route table, so that a new route is covered too. */
  const operatorRoutes = () => {
    const served = current().front.tenants.get("default")
    if (served === undefined || !("service" in served)) throw new Error("the default tenant is not served")
    const open = (path: string) =>
      path === "/" || path === "/healthz" || path === "/favicon.ico" || /^\/(console|webhooks)(\/|$)/.test(path)
    const seen = new Set<string>()
    return served.service.app.routes
      .filter((route) => route.method !== "ALL" && !open(route.path))
      .map((route) => ({ method: route.method, path: route.path }))
      .filter((route) => {
        const key = `${route.method} ${route.path}`
        if (seen.has(key)) return false
        seen.add(key)
        return true
      })
  }

  describe("an operator of one tenant", () => {
    it("sees their own tenant's courses and trainers, and none of the other's", async () => {
      const acmeCourses = await current().call("GET", "/courses", aliceToken)
      expect(acmeCourses.status).toBe(200)
      expect(acmeCourses.text).toContain("LDR-101")
      const globexCourses = await current().call("GET", "/courses", current().globexToken)
      expect(globexCourses.status).toBe(200)
      expect(globexCourses.text).toContain("CRS-0")
      expect(globexCourses.text).not.toContain("LDR-101")
      const acmeTrainers = await current().call("GET", "/trainers", aliceToken)
      expect(acmeTrainers.text).toContain("Dubois")
      expect(acmeTrainers.text).not.toContain("trainer0@example.com")
    })

    it("can neither read nor change anything of another tenant, on any route, even naming its records' ids", async () => {
      const acmeJob = (await current().call("GET", "/jobs", aliceToken)).json<{ id: string }[]>()[0]?.id ?? ""
      expect(acmeJob).not.toBe("")
      // Each route as globex's operator would aim it at acme's records: acme's job, provider, trainer, course code.
      const aimed: Record<string, { path: string; body?: unknown }> = {
        "POST /sync": { path: "/sync", body: { courses: ["LDR-101"] } },
        "GET /jobs": { path: "/jobs" },
        "GET /jobs/:id": { path: `/jobs/${acmeJob}` },
        "POST /plan/held/:opId/approve": { path: "/plan/held/op_1/approve", body: {} },
        "GET /plan": { path: "/plan" },
        "GET /courses": { path: "/courses?search=LDR" },
        "GET /training-providers": { path: "/training-providers" },
        "POST /training-providers": { path: "/training-providers", body: { name: "Isolation Check Provider" } },
        "PATCH /training-providers/:id": { path: "/training-providers/prv_academy", body: { active: false } },
        "GET /trainers": { path: "/trainers" },
        "POST /trainers": {
          path: "/trainers",
          body: {
            trainingProviderId: "prv_academy",
            trainers: [{ userId: "1001", firstName: "X", lastName: "Y", email: "x@example.org" }],
          },
        },
        "POST /trainers/remove": { path: "/trainers/remove", body: { userIds: ["1001"] } },
        "POST /trainers/assign-training-provider": {
          path: "/trainers/assign-training-provider",
          body: { userIds: ["1001"], trainingProviderId: "prv_academy" },
        },
        "PATCH /trainers/:userId": { path: "/trainers/1001", body: { firstName: "Changed" } },
        "DELETE /trainers/:userId": { path: "/trainers/1001" },
        "GET /users": { path: "/users?search=claire" },
        "POST /users/refresh": { path: "/users/refresh", body: {} },
        "GET /credentials": { path: "/credentials" },
        "PUT /credentials": { path: "/credentials", body: {} },
        "GET /event-logs": { path: "/event-logs?pageSize=200" },
        "GET /webinar-accounts.csv": { path: "/webinar-accounts.csv" },
        "PUT /webinar-accounts": { path: "/webinar-accounts", body: "id,tool,name,email\n" },
        "GET /access": { path: "/access" },
        "GET /metrics": { path: "/metrics" },
        "GET /doctor": { path: "/doctor" },
      }
      const before = await acmeView()
      const acmeCallsBefore = current().systemCalls.filter((line) => line.startsWith("acme ")).length
      const routes = operatorRoutes().map((route) => `${route.method} ${route.path}`)
      // Every route the service has is aimed: a new route must say here how it would reach another tenant.
      expect(routes.filter((route) => !(route in aimed))).toEqual([])
      for (const route of routes) {
        const method = route.split(" ")[0] ?? "GET"
        const { path, body } = aimed[route] ?? { path: "/" }
        const answer = await current().call(method, path, current().globexToken, body)
        // An answer may repeat what it was asked (`no course LDR-101`), and nothing else of acme's.
        const asked = JSON.stringify({ path, body })
        expect(
          leaks(answer.text).filter((marker) => !asked.includes(marker)),
          route,
        ).toEqual([])
        expect(answer.status, route).not.toBe(401)
      }
      // Work the routes started on globex ends before acme is looked at again.
      await new Promise((resolve) => setTimeout(resolve, 500))
      expect(await acmeView()).toEqual(before)
      expect(current().systemCalls.filter((line) => line.startsWith("acme ")).length).toBe(acmeCallsBefore)
    })

    it("is refused by another tenant's console: a session is only known to the tenant it was made for", async () => {
      const browser = makeConsoleClient(current().front)
      const signIn = await browser.request("GET", "/console/sign-in")
      const signedIn = await browser.request("POST", "/console/sign-in", {
        form: { _csrf: csrfOf(signIn.html), token: current().globexToken, next: "/console/courses" },
      })
      expect(signedIn.status).toBe(303)
      const courses = await browser.request("GET", "/console/courses")
      expect(courses.status).toBe(200)
      expect(courses.html).toContain("CRS-0")
      expect(leaks(courses.html)).toEqual([])
      for (const page of ["/console/trainers", "/console/training-providers", "/console/event-logs", "/console/jobs"]) {
        const shown = await browser.request("GET", page)
        expect(leaks(shown.html), page).toEqual([])
      }
      // The routing cookie set to the other tenant: its console does not know the session, and asks to sign in.
      browser.jar.set("iltsync_tenant", "default")
      const elsewhere = await browser.request("GET", "/console/courses")
      expect(elsewhere.status).toBe(303)
      expect(elsewhere.location).toMatch(/^\/console\/sign-in/)
    })
  })

  describe("webhooks", () => {
    const delivery = (id: string) => JSON.stringify({ message_id: id, event: "course.updated", payload: {} })
    const post = (path: string, body: string, secret: string) =>
      current().front.app.request(`http://iltsync.test${path}`, {
        method: "POST",
        headers: { "content-type": "application/json", "x-iltsync-signature": signBody(secret, body) },
        body,
      })

    it("are taken at a tenant's own address, signed with its own secret, and refused with another's", async () => {
      expect((await post("/webhooks/globex/docebo", delivery("g-1"), current().globexWebhookSecret)).status).toBe(200)
      expect((await post("/webhooks/globex/docebo", delivery("g-2"), current().defaultWebhookSecret)).status).toBe(401)
      expect((await post("/webhooks/docebo", delivery("d-1"), current().globexWebhookSecret)).status).toBe(401)
      expect((await post("/webhooks/default/docebo", delivery("d-2"), current().defaultWebhookSecret)).status).toBe(200)
      expect((await post("/webhooks/nobody/docebo", delivery("n-1"), current().globexWebhookSecret)).status).toBe(404)
    })
  })

  describe("the admin routes", () => {
    it("take the admin token only, and never show a tenant's token or secret after creating it", async () => {
      expect((await current().call("GET", "/admin/tenants", aliceToken)).status).toBe(401)
      expect((await current().call("GET", "/admin/tenants", current().globexToken)).status).toBe(401)
      const listed = await current().call("GET", "/admin/tenants", adminToken)
      expect(listed.status).toBe(200)
      expect(listed.json<{ tenants: { name: string; served: string }[] }>().tenants).toEqual([
        expect.objectContaining({ name: "globex", status: "active", served: "yes", operators: ["gina"] }),
      ])
      expect(listed.text).not.toContain(current().globexToken)
      expect(listed.text).not.toContain(current().globexWebhookSecret)
      // The admin token reads no tenant's data.
      expect((await current().call("GET", "/courses", adminToken)).status).toBe(401)
    })

    it("refuse a tenant that already exists, a bad name, and the default tenant's name", async () => {
      expect((await current().call("POST", "/admin/tenants", adminToken, { name: "globex" })).status).toBe(409)
      expect((await current().call("POST", "/admin/tenants", adminToken, { name: "Glob ex" })).status).toBe(400)
      expect((await current().call("POST", "/admin/tenants", adminToken, { name: "default" })).status).toBe(400)
    })
  })

  describe("a disabled tenant", () => {
    it("is refused on its API, console sign-in and webhooks, and works again once enabled, its data kept", async () => {
      const coursesBefore = (await current().call("GET", "/courses", current().globexToken)).text
      const disabled = await current().call("POST", "/admin/tenants/globex/disable", adminToken)
      expect(disabled.json()).toMatchObject({ changed: true, status: "disabled", served: "no" })
      expect((await current().call("GET", "/courses", current().globexToken)).status).toBe(401)
      const body = JSON.stringify({ message_id: "g-9", event: "course.updated", payload: {} })
      const webhook = await current().front.app.request("http://iltsync.test/webhooks/globex/docebo", {
        method: "POST",
        headers: {
          "content-type": "application/json",
          "x-iltsync-signature": signBody(current().globexWebhookSecret, body),
        },
        body,
      })
      expect(webhook.status).toBe(404)
      // The other tenant goes on as before.
      expect((await current().call("GET", "/courses", aliceToken)).status).toBe(200)

      const enabled = await current().call("POST", "/admin/tenants/globex/enable", adminToken)
      expect(enabled.json()).toMatchObject({ changed: true, status: "active", served: "yes" })
      const coursesAfter = await current().call("GET", "/courses", current().globexToken)
      expect(coursesAfter.status).toBe(200)
      expect(coursesAfter.text).toBe(coursesBefore)
    })
  })
}
