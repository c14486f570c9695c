import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { aliceToken, type Fixture, fullSync, leakedSecrets, serviceUrl, simAct, startFixture } from "./TestSupport.ts"

interface Provider {
  readonly id: string
  readonly name: string
  readonly active: boolean
  readonly siteId: string | null
  readonly pending: boolean
}

let fixture: Fixture
beforeAll(async () => {
  fixture = await startFixture()
  await fullSync(fixture)
})
afterAll(async () => {
  expect(leakedSecrets(fixture)).toEqual([])
  await fixture.close()
})

const toProvider = (id: string) => fixture.to.state.snapshot().training_providers.find((provider) => provider.id === id)

describe("training providers", () => {
  it("are listed as TO holds them", async () => {
    const providers = (await fixture.call("GET", "/training-providers")).json<Provider[]>()
    expect(providers.map((provider) => [provider.id, provider.active])).toEqual([
      ["prv_academy", true],
      ["prv_formapro", false],
      ["prv_skillbridge", true],
    ])
    expect(providers[0]).toEqual({
      id: "prv_academy",
      name: "Acme Corporate Academy",
      active: true,
      siteId: "site_academy",
      pending: false,
    })
  })

  it("are created in TO with their site (1:1), at once, and a second request for the name adopts the first", async () => {
    const answer = await fixture.call("POST", "/training-providers", { body: { name: "  Northwind Learning " } })
    expect(answer.status).toBe(201)
    const created = answer.json<Provider>()
    expect(created).toMatchObject({ name: "Northwind Learning", active: true, pending: false })
    expect(toProvider(created.id)).toMatchObject({ name: "Northwind Learning", active: true, site_id: created.siteId })
    const site = fixture.to.state.snapshot().sites.find((candidate) => candidate.id === created.siteId)
    expect(site?.training_provider_id).toBe(created.id)

    const again = await fixture.call("POST", "/training-providers", { body: { name: "northwind learning" } })
    expect(again.status).toBe(201)
    expect(again.json<Provider>().id).toBe(created.id)
    const named = fixture.to.state.snapshot().training_providers.filter((p) => p.name === "Northwind Learning")
    expect(named).toHaveLength(1)

    const listed = (await fixture.call("GET", "/training-providers")).json<Provider[]>()
    expect(listed.find((provider) => provider.id === created.id)).toMatchObject({ pending: false })
    expect(listed.some((provider) => provider.id.startsWith("req_"))).toBe(false)

    const log = (await fixture.call("GET", "/event-logs?action=training-provider.create")).json<{ items: unknown[] }>()
    expect(log.items).toContainEqual(
      expect.objectContaining({ user: "alice", details: expect.objectContaining({ name: "Northwind Learning" }) }),
    )
  })

  it("are deactivated and reactivated in TO at once", async () => {
    const off = await fixture.call("PATCH", "/training-providers/prv_skillbridge", { body: { active: false } })
    expect(off.status).toBe(200)
    expect(off.json()).toMatchObject({ id: "prv_skillbridge", active: false, pending: false })
    expect(toProvider("prv_skillbridge")?.active).toBe(false)

    const on = await fixture.call("PATCH", "/training-providers/prv_skillbridge", { body: { active: true } })
    expect(on.status).toBe(200)
    expect(toProvider("prv_skillbridge")?.active).toBe(true)

    // Asking for the state TO already has leaves no request behind that could later override TO.
    const same = await fixture.call("PATCH", "/training-providers/prv_academy", { body: { active: true } })
    expect(same.status).toBe(200)
    expect(same.json()).toMatchObject({ active: true, pending: false })
    await simAct(fixture.to, { action: "update_training_provider", id: "prv_academy", changes: { active: false } })
    const plan = (await fixture.call("GET", "/plan")).json<{ ops: Array<{ entity: string }> }>()
    expect(plan.ops.filter((op) => op.entity === "trainingProvider")).toEqual([])
    await simAct(fixture.to, { action: "update_training_provider", id: "prv_academy", changes: { active: true } })

    const log = (await fixture.call("GET", "/event-logs?action=training-provider.deactivate")).json<{
      items: Array<{ user: string; details: { provider: string } }>
    }>()
    expect(log.items).toMatchObject([{ user: "alice", details: { provider: "prv_skillbridge" } }])
  })

  it("are never deleted: 405", async () => {
    const answer = await fixture.call("DELETE", "/training-providers/prv_academy")
    expect(answer.status).toBe(405)
    expect(toProvider("prv_academy")).toBeDefined()
  })

  it("refuse bad input naming the field, and unknown ids with 404", async () => {
    const cases: ReadonlyArray<readonly [string, string, unknown, string]> = [
      ["POST", "/training-providers", {}, "name"],
      ["POST", "/training-providers", { name: "   " }, "name"],
      ["POST", "/training-providers", { name: 7 }, "name"],
      ["POST", "/training-providers", { name: "Night\u0000Academy" }, "name"],
      ["POST", "/training-providers", { name: "Night\u001b[31mAcademy" }, "name"],
      ["POST", "/training-providers", { name: "A", siteId: "x" }, "siteId"],
      ["PATCH", "/training-providers/prv_academy", { active: "no" }, "active"],
      ["PATCH", "/training-providers/prv_academy", {}, "active"],
    ]
    for (const [method, path, body, field] of cases) {
      const answer = await fixture.call(method, path, { body })
      expect({ body, status: answer.status }).toEqual({ body, status: 400 })
      expect(answer.json<{ errors: Array<{ field: string }> }>().errors[0]?.field).toBe(field)
    }
    const unknown = await fixture.call("PATCH", "/training-providers/prv_nope", { body: { active: false } })
    expect(unknown.status).toBe(404)
  })

  it("refuse a body that is not UTF-8 rather than create a name with U+FFFD in it", async () => {
    const before = fixture.to.state.snapshot().training_providers.length
    const latin1 = await fixture.service.app.request(`${serviceUrl}/training-providers`, {
      method: "POST",
      headers: { authorization: `Bearer ${aliceToken}`, "content-type": "application/json" },
      body: Buffer.concat([Buffer.from('{"name":"Caf'), Buffer.from([0xe9]), Buffer.from(' Academy"}')]),
    })
    expect(latin1.status).toBe(400)
    expect(await latin1.json()).toMatchObject({ errors: [{ field: "body", message: "is not valid UTF-8" }] })
    expect(fixture.to.state.snapshot().training_providers).toHaveLength(before)
    expect((await fixture.call("GET", "/training-providers")).text).not.toContain("\ufffd")
  })
})
