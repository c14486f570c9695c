import { Hono } from "hono"
import { readJsonObject } from "../../shared/Body.ts"
import { InvalidFields } from "../../shared/Errors.ts"
import { parseCreate, parsePatch } from "../../shared/Fields.ts"
import { recordLocked, trainerDefaults, trainerFields } from "../Fields.ts"
import { addReadRoutes } from "../Listing.ts"
import type { ToSimState } from "../State.ts"
import type { ToTrainer } from "../Types.ts"
import { found, sendData, type ToEnv } from "../Wire.ts"

/** `/api/v1/trainers`: created and updated by the integration (Docebo masters trainers); no webhook. */
export const trainers = (sim: ToSimState) => {
  const app = new Hono<ToEnv>()
  const table = sim.store.trainers
  const requireProvider = (id: string | null | undefined) => {
    if (id && !sim.store.providers.has(id)) {
      throw InvalidFields.of("training_provider_id", `training provider ${id} does not exist`)
    }
  }
  addReadRoutes(app, table, "Trainer")

  app.post("/", async (c) => {
    const input = parseCreate(await readJsonObject(c.req.raw), trainerFields, trainerDefaults, {
      locked: recordLocked,
    })
    requireProvider(input.training_provider_id)
    const id = sim.store.newId("trn", (candidate) => table.has(candidate))
    const trainer = sim.store.insert<ToTrainer>(table, { ...input, id })
    c.header("Location", `/api/v1/trainers/${id}`)
    return sendData(c, trainer, 201)
  })

  app.patch("/:id", async (c) => {
    const existing = found(table.get(c.req.param("id")), "Trainer", c.req.param("id"))
    const changes = parsePatch(await readJsonObject(c.req.raw), trainerFields, { locked: recordLocked })
    requireProvider(changes.training_provider_id)
    return sendData(c, sim.store.update(table, existing, changes).record)
  })

  return app
}
