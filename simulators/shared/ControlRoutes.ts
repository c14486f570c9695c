/**
 * The `/__sim/` routes both simulators share: reset, seed, state, faults, the call log, webhooks and settings. Each
 * simulator brings its own state and reads its own settings; the routes are the same.
 */
import { type Context, type Env, Hono } from "hono"
import { MAX_SEED_BYTES, readJson, readJsonObject } from "./Body.ts"
import { describeDelivery, describeSubscription, parseSubscription } from "./ControlBodies.ts"
import type { FaultSettings } from "./Faults.ts"
import { parseFaultSettings } from "./Faults.ts"
import type { Delivery, WebhookSubscription } from "./Webhooks.ts"

/** `Change`: what `POST /config` takes, by default any of the settings (a simulator may merge nested ones). */
export interface ControllableSimulator<Config, State extends object, Change = Partial<Config>> {
  readonly reset: () => void
  readonly seed: (seed: unknown) => void
  readonly snapshot: () => State
  readonly faults: { readonly current: () => FaultSettings; readonly configure: (settings: FaultSettings) => void }
  readonly calls: { readonly summary: () => unknown; readonly clear: () => void }
  readonly webhooks: {
    readonly current: () => WebhookSubscription | null
    readonly list: () => ReadonlyArray<Delivery>
  }
  readonly subscribe: (subscription: WebhookSubscription | null) => void
  readonly config: Config
  readonly configure: (change: Change) => void
}

export const controlRoutes = <E extends Env, Config, State extends object, Change = Partial<Config>>(
  sim: ControllableSimulator<Config, State, Change>,
  readConfig: (body: Record<string, unknown>) => Change,
  sendData: (c: Context<E>, data: unknown) => Response,
) => {
  const app = new Hono<E>()

  app.post("/reset", (c) => {
    sim.reset()
    return sendData(c, { reset: true })
  })

  app.post("/seed", async (c) => {
    sim.seed(await readJson(c.req.raw, MAX_SEED_BYTES))
    const state = sim.snapshot()
    const counts = Object.entries(state).map(([name, rows]) => [name, (rows as ReadonlyArray<unknown>).length])
    return sendData(c, Object.fromEntries(counts))
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
