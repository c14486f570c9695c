import { Hono } from "hono"
import { isPlainObject, MAX_SEED_BYTES, readJson, readJsonObject } from "../../shared/Body.ts"
import { describeDelivery, describeSubscription, optionalLimit, parseSubscription } from "../../shared/ControlBodies.ts"
import { InvalidFields } from "../../shared/Errors.ts"
import { parseFaultSettings } from "../../shared/Faults.ts"
import type { DoceboConfig } from "../Config.ts"
import type { DoceboSimState } from "../State.ts"
import { type DoceboEnv, sendData } from "../Wire.ts"

const readConfig = (body: Record<string, unknown>): Partial<DoceboConfig> => {
  const known = ["rateLimitPerHour", "rateLimitBurst", "domain", "isMainDomain"]
  const unknown = Object.keys(body).find((key) => !known.includes(key))
  if (unknown) throw InvalidFields.of(unknown, "is not a Docebo simulator setting")
  const config: Partial<DoceboConfig> = {}
  const perHour = optionalLimit(body, "rateLimitPerHour")
  const burst = optionalLimit(body, "rateLimitBurst")
  if (perHour !== undefined) config.rateLimitPerHour = perHour
  if (burst !== undefined) config.rateLimitBurst = burst
  if (body.domain !== undefined) {
    if (typeof body.domain !== "string" || body.domain === "") throw InvalidFields.of("domain", "must be a host name")
    config.domain = body.domain
  }
  if (body.isMainDomain !== undefined) {
    if (typeof body.isMainDomain !== "boolean") throw InvalidFields.of("isMainDomain", "must be true or false")
    config.isMainDomain = body.isMainDomain
  }
  return config
}

/** The simulator's own surface under `/__sim/` (not part of Docebo). */
export const control = (sim: DoceboSimState) => {
  const app = new Hono<DoceboEnv>()

  app.post("/reset", (c) => {
    sim.reset()
    return sendData(c, { reset: true })
  })

  app.post("/seed", async (c) => {
    sim.seed(await readJson(c.req.raw, MAX_SEED_BYTES))
    const state = sim.snapshot()
    return sendData(c, Object.fromEntries(Object.entries(state).map(([name, rows]) => [name, rows.length])))
  })

  app.get("/state", (c) => sendData(c, sim.snapshot()))

  app.get("/faults", (c) => sendData(c, sim.faults.current()))
  app.post("/faults", async (c) => {
    const settings = parseFaultSettings(await readJson(c.req.raw))
    sim.faults.configure(settings)
    return sendData(c, settings)
  })

  app.get("/calls", (c) => sendData(c, sim.calls.summary()))
  app.delete("/calls", (c) => {
    sim.calls.clear()
    return sendData(c, { cleared: true })
  })

  app.get("/webhooks", (c) =>
    sendData(c, {
      subscription: describeSubscription(sim.webhooks.current()),
      deliveries: sim.webhooks.list().map(describeDelivery),
    }),
  )
  app.post("/webhooks", async (c) => {
    sim.subscribe(parseSubscription(await readJson(c.req.raw)))
    return sendData(c, { subscription: describeSubscription(sim.webhooks.current()) })
  })

  app.get("/config", (c) => sendData(c, sim.config))
  app.post("/config", async (c) => {
    const body = await readJsonObject(c.req.raw)
    if (!isPlainObject(body)) throw InvalidFields.of("body", "must be an object")
    sim.configure(readConfig(body))
    return sendData(c, sim.config)
  })

  return app
}
