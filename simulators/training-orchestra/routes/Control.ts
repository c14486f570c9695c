import { Hono } from "hono"
import { MAX_SEED_BYTES, readJson, readJsonObject } from "../../shared/Body.ts"
import { describeDelivery, describeSubscription, optionalLimit, parseSubscription } from "../../shared/ControlBodies.ts"
import { InvalidFields } from "../../shared/Errors.ts"
import { parseFaultSettings } from "../../shared/Faults.ts"
import type { ToConfig } from "../Config.ts"
import type { ToSimState } from "../State.ts"
import { sendData, type ToEnv } from "../Wire.ts"

const readConfig = (body: Record<string, unknown>): Partial<ToConfig> => {
  const unknown = Object.keys(body).find((key) => key !== "ratePerSecond" && key !== "burst")
  if (unknown) throw InvalidFields.of(unknown, "is not a Training Orchestra simulator setting")
  const config: Partial<ToConfig> = {}
  const ratePerSecond = optionalLimit(body, "ratePerSecond")
  const burst = optionalLimit(body, "burst")
  if (ratePerSecond !== undefined) config.ratePerSecond = ratePerSecond
  if (burst !== undefined) config.burst = burst
  return config
}

/** The simulator's own surface under `/__sim/` (not part of Training Orchestra). */
export const control = (sim: ToSimState) => {
  const app = new Hono<ToEnv>()

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
    sim.configure(readConfig(await readJsonObject(c.req.raw)))
    return sendData(c, sim.config)
  })

  return app
}
