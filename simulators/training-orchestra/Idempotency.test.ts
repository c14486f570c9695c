import { describe, expect, it } from "vitest"
import { TO_IDEMPOTENCY_TTL_MS } from "./Config.ts"
import { type Problem, type ToOne, toTestbed } from "./TestSupport.ts"
import type { ToTrainingProvider } from "./Types.ts"

const key = { "Idempotency-Key": "create-beta-1" }

describe("Idempotency-Key on POST", () => {
  it("answers a repeated request with the first answer and writes once", async () => {
    const { api, state } = toTestbed()
    const first = await api.post<ToOne<ToTrainingProvider>>("/training-providers", { name: "Beta" }, key)
    const again = await api.post<ToOne<ToTrainingProvider>>("/training-providers", { name: "Beta" }, key)
    expect(again.status).toBe(201)
    expect(again.body).toEqual(first.body)
    expect(again.headers.get("idempotent-replayed")).toBe("true")
    expect(state.snapshot().training_providers).toHaveLength(1)
    expect(state.snapshot().sites).toHaveLength(1)
  })

  it("treats the same JSON with keys in another order as the same request", async () => {
    const { api, state } = toTestbed()
    await api.post("/courses", '{"code":"A","title":"A","modality":"onsite"}', key)
    const again = await api.post("/courses", '{"modality":"onsite","title":"A","code":"A"}', key)
    expect(again.status).toBe(201)
    expect(state.snapshot().courses).toHaveLength(1)
  })

  it("refuses the same key with another body, or on another path, with 422 naming the header", async () => {
    const { api, state } = toTestbed()
    await api.post("/training-providers", { name: "Beta" }, key)
    const otherBody = await api.post<Problem>("/training-providers", { name: "Gamma" }, key)
    const otherPath = await api.post<Problem>("/courses", { name: "Beta" }, key)
    for (const refused of [otherBody, otherPath]) {
      expect(refused.status).toBe(422)
      expect(refused.body.errors[0]?.field).toBe("Idempotency-Key")
    }
    expect(state.snapshot().training_providers).toHaveLength(1)
  })

  it("forgets a key after 24 hours of the injected clock", async () => {
    const { api, clock, state, fetchToken } = toTestbed()
    await api.post("/training-providers", { name: "Beta" }, key)
    clock.advance(TO_IDEMPOTENCY_TTL_MS)
    await fetchToken()
    expect((await api.post("/training-providers", { name: "Beta" }, key)).status).toBe(201)
    expect(state.snapshot().training_providers).toHaveLength(2)
  })

  it("gives the committed answer to a retry after a write whose answer was dropped", async () => {
    const { api, control, state } = toTestbed()
    await api.get("/courses")
    await control("POST", "faults", { dropAfterCommitRate: 1 })
    const dropped = await api.post<Problem>("/training-providers", { name: "Beta" }, key)
    expect(dropped.status).toBe(503)
    expect(dropped.headers.get("content-type")).toBe("application/problem+json")
    await control("POST", "faults", {})
    const retried = await api.post<ToOne<ToTrainingProvider>>("/training-providers", { name: "Beta" }, key)
    expect(retried.status).toBe(201)
    expect(state.snapshot().training_providers.map((provider) => provider.id)).toEqual([retried.body.data.id])
  })

  it("keeps no answer for a refused request, so the corrected one goes through under the same key", async () => {
    const { api, state } = toTestbed()
    expect((await api.post("/training-providers", { name: "" }, key)).status).toBe(422)
    expect((await api.post("/training-providers", { name: "Beta" }, key)).status).toBe(201)
    expect(state.snapshot().training_providers).toHaveLength(1)
  })
})
